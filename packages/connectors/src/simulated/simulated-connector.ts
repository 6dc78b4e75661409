import { type SimulationOptions, simulateOrganisation } from '@pushpull/simulator';
import type { Connector, SyncContext, SyncSummary } from '../kit/connector';

/** The name the simulated organisation syncs under (its progress and logs). */
export const SIMULATED_SOURCE = 'simulated' as const;

/** Events per emitted page. */
const PAGE = 1000;

/**
 * The simulated organisation as a source connector (`pushpull start`, `pushpull serve --simulate`):
 * the org chart it simulated goes out as a whole-chart org snapshot, then its ActivityEvents (GitHub,
 * Slack and Outlook kinds) in pages through `ctx.emit`, so they take the same path as a real
 * source's — runSync's validation and content policy, the worker's sinks. The simulation is a fixed,
 * deterministic data set with no change feed, so it keeps no cursor: each run emits all of it, and
 * the events' deterministic ids make a repeat count nothing twice (the embedded bus keeps nothing
 * between runs, so a resumed run could not rely on what an earlier one published).
 *
 * @example await runSync({ connector: createSimulatedConnector({ seed: 1, people: 60, days: 30, start }), cursors, sink, orgSink });
 */
export function createSimulatedConnector(options: SimulationOptions): Connector {
  return { source: SIMULATED_SOURCE, sync: (ctx) => syncSimulation(options, ctx) };
}

async function syncSimulation(options: SimulationOptions, ctx: SyncContext): Promise<SyncSummary> {
  const sim = simulateOrganisation(options);
  await ctx.emitOrgSnapshot({ kind: 'chart', rows: sim.org });
  const total = sim.events.length;
  const report = (events: number, note: string) =>
    ctx.progress({ scopesDone: events === total ? 1 : 0, scopesTotal: 1, events, requests: 0, note });
  report(0, `org chart of ${sim.org.length} rows written`);
  let events = 0;
  for (let i = 0; i < total && !ctx.signal.aborted; i += PAGE) {
    const page = sim.events.slice(i, i + PAGE);
    await ctx.emit(page);
    events += page.length;
    if ((i / PAGE) % 20 === 0 || events === total) report(events, `${events} of ${total} events`);
  }
  const people = new Set(sim.org.map((r) => r.email)).size;
  ctx.log('info', { events, people }, 'simulated organisation emitted');
  return { events, requests: 0, scopes: events === total ? 1 : 0, skipped: [] };
}
