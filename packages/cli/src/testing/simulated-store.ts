import { OrgChart } from '@pushpull/org';
import { simulateOrganisation } from '@pushpull/simulator';
import { type FactInput, openStore, recordLabeledBatch, replaceOrgChart } from '@pushpull/store';

/** What `fillSimulatedStore` put in the store. */
export interface SimulatedStore {
  /** Every leader's email (people with direct reports at the end of the simulation). */
  leaders: string[];
  facts: number;
}

/**
 * Test helper: fills the embedded store in `dataDir` with a simulated organisation — its org chart and
 * every event as a fact labelled with the simulator's ground truth (no classifier in the loop: fast
 * and exact). The reasons are a fixed rule id per mode; there is no text anywhere.
 *
 * @example await fillSimulatedStore(dir, { seed: 3, people: 24, days: 120, start: '2026-05-01' });
 */
export async function fillSimulatedStore(
  dataDir: string,
  options: { seed: number; people: number; days: number; start: string; keepEvery?: number },
): Promise<SimulatedStore> {
  const sim = simulateOrganisation(options);
  const chart = OrgChart.fromRows(sim.org);
  const keep = options.keepEvery ?? 1;
  const facts: FactInput[] = [];
  sim.events.forEach((event, i) => {
    if (i % keep !== 0) return;
    const truth = sim.truth.events[event.id];
    const actor = chart.resolve(event.actor);
    if (!truth || !actor) return;
    facts.push({
      eventId: event.id,
      occurredAt: event.occurredAt,
      source: event.source,
      type: event.type,
      actorPersonId: actor,
      mode: truth.mode,
      initiative: truth.initiative,
      confidence: 1,
      reasons: [`truth-${truth.mode}`],
      classifierVersion: 'truth',
      url: null,
      edges: truth.broadcast
        ? [
            {
              targetPersonId: null,
              direction: 'broadcast',
              distance: null,
              broadcast: true,
              audienceSize: null,
            },
          ]
        : truth.edges.map((e) => ({
            targetPersonId: e.personId,
            direction: e.direction,
            distance: e.distance,
            broadcast: false,
            audienceSize: null,
          })),
    });
  });
  const store = await openStore({ dataDir });
  try {
    await replaceOrgChart(store.db, sim.org);
    for (let i = 0; i < facts.length; i += 2000) {
      await recordLabeledBatch(store.db, { groupId: 'test', facts: facts.slice(i, i + 2000), offsets: [] });
    }
  } finally {
    await store.close();
  }
  const end = new Date(Date.parse(`${options.start}T00:00:00Z`) + (options.days - 1) * 86_400_000);
  const people = chart.people(end);
  const leaders = people
    .filter((p) => people.some((r) => r.managerPersonId === p.personId && r.personId !== p.personId))
    .map((p) => p.email)
    .sort();
  return { leaders, facts: facts.length };
}
