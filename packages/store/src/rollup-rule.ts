import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from './schema';

/** The key columns of `rollup_daily`, in the order rows are written (and locked). */
export const ROLLUP_KEY = ['person_id', 'day', 'direction', 'mode', 'initiative', 'source'] as const;

/**
 * The rollup rule, its one definition: the `rollup_daily` rows that the stored facts matching
 * `facts` (a condition on `labeled_fact f`) contribute, ordered by key so that concurrent writers
 * lock rows in the same order. A fact counts for its actor ONCE per distinct direction among its
 * edges, per UTC day × source × mode × initiative ('' when null); a broadcast edge counts under
 * 'broadcast', a fact without edges under 'none'; a fact whose actor is unresolved is not rolled up.
 * `recordLabeledBatch` adds these rows for the facts it inserts, `replaceFacts` takes away the old
 * facts' rows and adds the new ones', `rebuildRollups` writes them for every fact.
 *
 * @example await sql`insert into rollup_daily (…) ${rollupRows(sql`true`)}`.execute(tx);
 */
export function rollupRows(facts: RawBuilder<unknown>): RawBuilder<unknown> {
  // A plain join (no lateral subquery per fact): the planner probes the indexes for a batch's few
  // facts and hashes or merges whole tables for a rebuild. Grouping by the fact and the direction
  // first keeps one row per distinct direction of a fact ('none' when it has no edge).
  return sql`
    select person_id, day, direction, mode, initiative, source, count(*)::integer as events
    from (
      select f.actor_person_id as person_id, (f.occurred_at at time zone 'UTC')::date as day,
             coalesce(case when e.broadcast then 'broadcast' else e.direction end, 'none') as direction,
             f.mode, coalesce(f.initiative, '') as initiative, f.source
      from labeled_fact f left join edge_fact e on e.event_id = f.event_id
      where f.actor_person_id is not null and (${facts})
      group by f.event_id, 3
    ) as per_direction
    group by 1, 2, 3, 4, 5, 6
    order by 1, 2, 3, 4, 5, 6`;
}

/** The facts with one of these event ids, as a condition for {@link rollupRows}. */
export function factsWithIds(eventIds: readonly string[]): RawBuilder<unknown> {
  return sql`f.event_id = any(${[...eventIds]}::text[])`;
}

/**
 * Adds (`sign` 1) or takes away (`sign` -1) the rollup rows of the stored facts matching `facts`, in
 * one statement, and returns how many rollup rows that touched. Taking away never inserts: it updates
 * the rows the facts counted in; a row that is missing or holds fewer events means the rollups disagree
 * with the facts, and is left alone (the caller compares `rows` with `expected`). Rows left at zero stay until {@link dropEmptyRollups}.
 *
 * @example await applyRollupRows(tx, factsWithIds(ids), 1);
 */
export async function applyRollupRows(
  tx: Kysely<DB>,
  facts: RawBuilder<unknown>,
  sign: 1 | -1,
): Promise<{ rows: number; expected: number }> {
  const key = sql.join(ROLLUP_KEY.map((k) => sql.ref(k)));
  if (sign === 1) {
    const result = await sql`
      insert into rollup_daily (${key}, events) ${rollupRows(facts)}
      on conflict (${key}) do update set events = rollup_daily.events + excluded.events`.execute(tx);
    const n = Number(result.numAffectedRows ?? 0);
    return { rows: n, expected: n };
  }
  const result = await sql<{ rows: number; expected: number }>`
    with delta as (${rollupRows(facts)}),
    updated as (
      update rollup_daily r set events = r.events - d.events
      from delta d
      where ${sql.join(
        ROLLUP_KEY.map((k) => sql`r.${sql.ref(k)} = d.${sql.ref(k)}`),
        sql` and `,
      )} and r.events >= d.events
      returning 1
    )
    select (select count(*) from updated)::integer as rows, (select count(*) from delta)::integer as expected`.execute(
    tx,
  );
  const row = result.rows[0];
  return { rows: Number(row?.rows ?? 0), expected: Number(row?.expected ?? 0) };
}

/**
 * Removes the rollup rows at zero events of the given people × UTC days (what taking facts away can
 * leave): an index range of the key per pair, however many rows the people have on other days.
 *
 * @example await dropEmptyRollups(tx, [{ personId: 'p:lea@acme.io', day: '2026-07-01' }]);
 */
export async function dropEmptyRollups(tx: Kysely<DB>, days: readonly RollupDay[]): Promise<void> {
  if (days.length === 0) return;
  await sql`delete from rollup_daily r
    using (select distinct * from unnest(${days.map((d) => d.personId)}::text[], ${days.map((d) => d.day)}::date[])
           as k(person_id, day)) k
    where r.person_id = k.person_id and r.day = k.day and r.events = 0`.execute(tx);
}

/** One person's rollups of one UTC day ('YYYY-MM-DD'). */
export interface RollupDay {
  personId: string;
  day: string;
}

/**
 * Re-derives the rollups of these people × days from the facts stored now, with the rule of
 * {@link rollupRows}: their rows are deleted and written again. After deleting facts (erasure) this
 * leaves exactly the rollups a fresh ingest of the remaining facts would have. Inside the caller's
 * transaction, after {@link lockFactTables}-style locking.
 *
 * @example await rederiveRollups(tx, [{ personId: 'p:lea@acme.io', day: '2026-07-01' }]);
 */
export async function rederiveRollups(tx: Kysely<DB>, days: readonly RollupDay[]): Promise<void> {
  if (days.length === 0) return;
  const people = days.map((d) => d.personId);
  const dates = days.map((d) => d.day);
  const pairs = sql`select * from unnest(${people}::text[], ${dates}::date[]) as k(person_id, day)`;
  await sql`delete from rollup_daily r using (${pairs}) k
    where r.person_id = k.person_id and r.day = k.day`.execute(tx);
  const key = sql.join(ROLLUP_KEY.map((k) => sql.ref(k)));
  await sql`insert into rollup_daily (${key}, events) ${rollupRows(
    sql`(f.actor_person_id, (f.occurred_at at time zone 'UTC')::date) in (${pairs})`,
  )}`.execute(tx);
}
