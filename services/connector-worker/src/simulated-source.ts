import type { Bus, OutgoingMessage } from '@pushpull/bus';
import { toActivityMessage } from '@pushpull/core';
import { simulateOrganisation } from '@pushpull/simulator';
import { replaceOrgChart, type Store } from '@pushpull/store';
import type { JobPayload, JobProgress } from './job-catalog';

const PUBLISH_BATCH = 1000;

/**
 * The simulated source: writes the simulated organisation's org chart to the store, then publishes
 * its ActivityEvents to the raw topic (keyed by conversation, so a thread stays in order), reporting
 * progress. Deterministic ids make a re-run publish duplicates that the pipeline ignores.
 *
 * @example await runSimulatedSync({ bus, store, rawTopic }, { seed: 1, people: 60, days: 30, start: '2026-09-01' }, console.log);
 */
export async function runSimulatedSync(
  deps: { bus: Bus; store: Store; rawTopic: string },
  payload: JobPayload<'simulated.sync'>,
  progress: (p: JobProgress) => void,
): Promise<{ events: number; people: number }> {
  const sim = simulateOrganisation(payload);
  await replaceOrgChart(deps.store.db, sim.org);
  const total = sim.events.length;
  progress({ done: 0, total, note: `org chart of ${sim.org.length} rows imported` });
  for (let i = 0; i < total; i += PUBLISH_BATCH) {
    const batch: OutgoingMessage[] = sim.events.slice(i, i + PUBLISH_BATCH).map(toActivityMessage);
    await deps.bus.publish(deps.rawTopic, batch);
    if ((i / PUBLISH_BATCH) % 20 === 0 || i + PUBLISH_BATCH >= total) {
      progress({ done: Math.min(i + PUBLISH_BATCH, total), total });
    }
  }
  return { events: total, people: new Set(sim.org.map((r) => r.email)).size };
}
