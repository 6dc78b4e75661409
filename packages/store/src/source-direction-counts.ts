import {
  COUNT_KEYS,
  type CountKey,
  type DirectionCounts,
  emptyModeCounts,
  type SourceDirectionCounts,
} from '@pushpull/metrics';
import type { Kysely } from 'kysely';
import { chunkRows } from './chunk-rows';
import { assertIsoDate } from './iso-date';
import type { DateRange } from './leader-repository';
import type { DB } from './schema';

const KNOWN_KEYS: ReadonlySet<string> = new Set(COUNT_KEYS);

/**
 * Each person's counts in `[from, to)` per event source and direction (from rollup_daily, summed over
 * days): the `SourceDirectionCounts` that `leaderEstimates`, `pushShareEstimate` and
 * `upwardProactivityEstimate` of @pushpull/metrics correct per source. Every requested person is in
 * the map, with `{}` when they had no activity; a source appears under a person only with activity.
 * Pushes count in `push` and, by initiative, in `proactivePush` / `responsivePush`.
 *
 * @example
 * const counts = await querySourceDirectionCounts(store.db, ['p:lea@acme.io'], { from: '2026-07-01', to: '2026-10-01' });
 * const corrections = await readLabelCorrections(store.db);
 * leaderEstimates(counts.get('p:lea@acme.io') ?? {}, { corrections }).pushShare.down.low
 */
export async function querySourceDirectionCounts(
  db: Kysely<DB>,
  personIds: readonly string[],
  range: DateRange,
): Promise<Map<string, SourceDirectionCounts>> {
  const from = assertIsoDate(range.from, 'from');
  const to = assertIsoDate(range.to, 'to');
  const ids = [...new Set(personIds)];
  const out = new Map<string, Record<string, DirectionCounts>>(ids.map((id) => [id, {}]));
  for (const chunk of chunkRows(ids, 1)) {
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom('rollup_daily')
      .select([
        'person_id',
        'source',
        'direction',
        'mode',
        'initiative',
        (eb) => eb.fn.sum<number | string>('events').as('events'),
      ])
      .where('person_id', 'in', chunk)
      .where('day', '>=', from)
      .where('day', '<', to)
      .groupBy(['person_id', 'source', 'direction', 'mode', 'initiative'])
      .execute();
    for (const row of rows) {
      if (!KNOWN_KEYS.has(row.direction)) continue;
      const person = out.get(row.person_id);
      if (!person) continue;
      const bySource = person[row.source] ?? {};
      person[row.source] = bySource;
      const key = row.direction as CountKey;
      const counts = bySource[key] ?? emptyModeCounts();
      bySource[key] = counts;
      const n = Number(row.events ?? 0);
      if (row.mode === 'push') {
        counts.push += n;
        if (row.initiative === 'proactive') counts.proactivePush += n;
        else if (row.initiative === 'responsive') counts.responsivePush += n;
      } else if (row.mode === 'pull') {
        counts.pull += n;
      } else if (row.mode === 'neutral') {
        counts.neutral += n;
      }
    }
  }
  return out;
}
