import type { Simulation } from '@pushpull/simulator';
import type { Store } from '@pushpull/store';

/**
 * The stored labels that disagree with the simulator's ground truth (mode, initiative, or the set
 * of edge directions), one line per event with its stored reasons — a readable explanation for a
 * failed count check. Reads labeled_fact and edge_fact of `store`; at most `limit` lines.
 */
export async function labelDiff(store: Store, sim: Pick<Simulation, 'truth'>, limit = 25): Promise<string[]> {
  const facts = await store.db
    .selectFrom('labeled_fact')
    .select(['event_id', 'mode', 'initiative', 'reasons'])
    .execute();
  const edges = await store.db
    .selectFrom('edge_fact')
    .select(['event_id', 'direction'])
    .where('broadcast', '=', false)
    .execute();
  const directionsOf = new Map<string, Set<string>>();
  for (const e of edges) {
    const set = directionsOf.get(e.event_id) ?? new Set<string>();
    set.add(e.direction);
    directionsOf.set(e.event_id, set);
  }
  const rows = facts.map((f) => ({
    ...f,
    directions: [...(directionsOf.get(f.event_id) ?? [])].sort().join(','),
  }));
  const lines: string[] = [];
  for (const row of rows) {
    const truth = sim.truth.events[row.event_id];
    if (!truth) {
      lines.push(`${row.event_id}: stored but not in the truth`);
      continue;
    }
    const want = [...new Set(truth.edges.map((e) => e.direction))].sort().join(',');
    const initiative = truth.mode === 'push' ? truth.initiative : null;
    const got = row.directions;
    if (row.mode !== truth.mode || row.initiative !== initiative || (got !== want && got !== '')) {
      lines.push(
        `${row.event_id}: stored ${row.mode}/${row.initiative ?? '-'} [${got}] reasons ${JSON.stringify(row.reasons)}; truth ${truth.mode}/${initiative ?? '-'} [${want}]`,
      );
    }
  }
  return lines.sort().slice(0, limit);
}
