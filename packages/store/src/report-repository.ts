import { type Kysely, sql } from 'kysely';
import { chunkRows } from './chunk-rows';
import { assertIsoDate } from './iso-date';
import type { DateRange } from './leader-repository';
import type { DB } from './schema';

/** The bounds of a date range as UTC timestamps, for `occurred_at` comparisons. */
function bounds(range: DateRange) {
  return {
    from: sql`(${assertIsoDate(range.from, 'from')}::date::timestamp at time zone 'UTC')`,
    to: sql`(${assertIsoDate(range.to, 'to')}::date::timestamp at time zone 'UTC')`,
  };
}

/** A person's events in a range by source and mode (each event once, whatever its edges). */
export interface SourceCount {
  source: string;
  mode: string;
  events: number;
}

/**
 * A person's events in `[from, to)` per source and mode: the context beside the ratios.
 *
 * @example await querySourceCounts(store.db, 'p:lea@acme.io', range) // [{ source: 'slack', mode: 'push', events: 40 }, …]
 */
export async function querySourceCounts(
  db: Kysely<DB>,
  personId: string,
  range: DateRange,
): Promise<SourceCount[]> {
  const { from, to } = bounds(range);
  const rows = await sql<SourceCount>`
    select source, mode, count(*)::integer as events
    from labeled_fact
    where actor_person_id = ${personId} and occurred_at >= ${from} and occurred_at < ${to}
    group by source, mode
    order by source, mode`.execute(db);
  return rows.rows;
}

/** Pulls a person received from their direct manager in a range, and how long each answer took. */
export interface ManagerPulls {
  pullsReceived: number;
  /** One per answered pull: from the pull to the person's first responsive push naming it, in ms. */
  responseTimesMs: number[];
}

/**
 * For each person: the pulls of their direct manager addressed to them (an edge down at distance 1)
 * in `[from, to)`, and the response time of each pull they answered (`responds_to`). Persons without
 * such pulls are absent.
 *
 * @example (await queryManagerPulls(store.db, ['p:ada@acme.io'], range)).get('p:ada@acme.io') // { pullsReceived: 6, responseTimesMs: [...] }
 */
export async function queryManagerPulls(
  db: Kysely<DB>,
  personIds: readonly string[],
  range: DateRange,
): Promise<Map<string, ManagerPulls>> {
  const { from, to } = bounds(range);
  const out = new Map<string, ManagerPulls>();
  for (const ids of chunkRows(personIds, 1)) {
    if (ids.length === 0) continue;
    const rows = await sql<{ person_id: string; response_ms: number | null }>`
      with pulled as (
        select distinct f.event_id, f.occurred_at, e.target_person_id as person_id
        from labeled_fact f join edge_fact e on e.event_id = f.event_id
        where f.mode = 'pull' and f.actor_person_id is not null and e.direction = 'down' and e.distance = 1
          and not e.broadcast and e.target_person_id in (${sql.join(ids)})
          and f.occurred_at >= ${from} and f.occurred_at < ${to}
      )
      select p.person_id,
             extract(epoch from (
               select min(a.occurred_at) from labeled_fact a
               where a.responds_to = p.event_id and a.actor_person_id = p.person_id
                 and a.mode = 'push' and a.occurred_at >= p.occurred_at
             ) - p.occurred_at)::double precision * 1000 as response_ms
      from pulled p`.execute(db);
    for (const row of rows.rows) {
      const entry = out.get(row.person_id) ?? { pullsReceived: 0, responseTimesMs: [] };
      entry.pullsReceived++;
      if (row.response_ms !== null) entry.responseTimesMs.push(Number(row.response_ms));
      out.set(row.person_id, entry);
    }
  }
  return out;
}
