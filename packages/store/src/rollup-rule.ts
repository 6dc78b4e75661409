import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from './schema';

/** The key columns of `rollup_daily`, in the order rows are written (and locked). */
export const ROLLUP_KEY = ['person_id', 'day', 'direction', 'mode', 'initiative', 'source'] as const;

/** {@link ROLLUP_KEY} as a column list, for SQL. */
export const ROLLUP_KEY_COLUMNS = sql.join(ROLLUP_KEY.map((k) => sql.ref(k)));

/** How one edge counts: its direction, or 'broadcast' when it stands for an audience. */
const EDGE_DIRECTION = sql`case when e.broadcast then 'broadcast' else e.direction end`;

/** How a fact without any edge counts: once, under 'none'. */
const NO_EDGE = sql`array['none']::text[]`;

/**
 * The directions a fact counts under, from its edges — the first half of the rollup rule, its one
 * definition: the DISTINCT directions among the edges, sorted, a broadcast edge counting as
 * 'broadcast'. `edges` is a relation with edge_fact's columns (at least `event_id`, `direction`,
 * `broadcast`); yields one row (`event_id`, `directions`) per fact that HAS edges: a fact without
 * any counts as `{none}` ({@link factDirections}). Stored on the fact (`labeled_fact.rollup_directions`)
 * by the statement that writes the fact and its edges, so the rule reads one table.
 *
 * @example sql`… left join (${directionsByFact(edgeRowsOf(facts))}) d on d.event_id = u.event_id`
 */
export function directionsByFact(edges: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`select e.event_id, array_agg(distinct ${EDGE_DIRECTION} order by ${EDGE_DIRECTION}) as directions
    from (${edges}) as e group by e.event_id`;
}

/**
 * A fact's rollup directions, given `found`, the `directions` column of {@link directionsByFact}'s
 * row for it (null when it has no edge).
 */
export function factDirections(found: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`coalesce(${found}, ${NO_EDGE})`;
}

/**
 * The directions the fact `f` (a labeled_fact row) counts under: its stored `rollup_directions`, or,
 * where a fact was written without them (null: a writer other than this package's), the same
 * derivation from its edge_fact rows.
 */
const storedDirections = sql`coalesce(f.rollup_directions, ${factDirections(
  sql`(select d.directions from (${directionsByFact(
    sql`select * from edge_fact e where e.event_id = f.event_id`,
  )}) as d)`,
)})`;

/**
 * The rollup rule, its one definition: the `rollup_daily` rows that the stored facts matching
 * `facts` (a condition on `labeled_fact f`) contribute, ordered by key so that concurrent writers
 * lock rows in the same order. A fact counts for its actor ONCE per distinct direction among its
 * edges ({@link directionsByFact}: stored on the fact as `rollup_directions`), per UTC day × source ×
 * mode × initiative ('' when null); a broadcast edge counts under 'broadcast', a fact without edges
 * under 'none'; a fact whose actor is unresolved is not rolled up.
 * `recordLabeledBatch` adds these rows for the facts it inserts, `replaceFacts` moves the rollups from
 * the old facts' rows to the new ones', `rebuildRollups` makes `rollup_daily` equal them for every
 * fact, `rederiveRollups` for some people × days.
 *
 * @example await sql`insert into rollup_daily (…) ${rollupRows(sql`true`)}`.execute(tx);
 */
export function rollupRows(facts: RawBuilder<unknown>, order = true): RawBuilder<unknown> {
  // One table: each fact yields one row per stored direction (unnest in the select list), then one
  // aggregate. Probes the primary key for a batch's few facts; one scan for a whole table.
  return sql`
    select person_id, day, direction, mode, initiative, source, count(*)::integer as events
    from (
      select f.actor_person_id as person_id, (f.occurred_at at time zone 'UTC')::date as day,
             unnest(${storedDirections}) as direction, f.mode, coalesce(f.initiative, '') as initiative, f.source
      from labeled_fact f
      where f.actor_person_id is not null and (${facts})
    ) as per_direction
    group by 1, 2, 3, 4, 5, 6
    ${order ? sql`order by 1, 2, 3, 4, 5, 6` : sql``}`;
}

/** The facts with one of these event ids, as a condition for {@link rollupRows}. */
export function factsWithIds(eventIds: readonly string[]): RawBuilder<unknown> {
  return sql`f.event_id = any(${[...eventIds]}::text[])`;
}

/**
 * Adds the rollup rows of the stored facts matching `facts` (one upsert, rows in key order) and
 * returns how many rollup rows that touched.
 *
 * @example await applyRollupRows(tx, factsWithIds(ids));
 */
export async function applyRollupRows(tx: Kysely<DB>, facts: RawBuilder<unknown>): Promise<number> {
  const key = ROLLUP_KEY_COLUMNS;
  const result = await sql`
    insert into rollup_daily (${key}, events) ${rollupRows(facts)}
    on conflict (${key}) do update set events = rollup_daily.events + excluded.events`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

/** One row of the rollup rule (`rollupRows`): its key (`day` 'YYYY-MM-DD') and events. */
export interface RollupRow {
  person_id: string;
  day: string;
  direction: string;
  mode: string;
  initiative: string;
  source: string;
  events: number;
}

/** `a.k = b.k and …` over the key columns ({@link ROLLUP_KEY}) of two relations. */
export const sameKey = (a: string, b: string) =>
  sql.join(
    ROLLUP_KEY.map((k) => sql`${sql.ref(`${a}.${k}`)} = ${sql.ref(`${b}.${k}`)}`),
    sql` and `,
  );

/**
 * The rule's rows (`rollupRows`) of the stored facts matching `facts` as they stand now, and how many
 * of them `rollup_daily` lacks (a row missing or holding fewer events: the rollups disagree with the
 * facts). Read before replacing facts, for {@link replaceRollupRows}.
 *
 * @example const { rows, missing } = await readRollupRows(tx, factsWithIds(ids));
 */
export async function readRollupRows(
  tx: Kysely<DB>,
  facts: RawBuilder<unknown>,
): Promise<{ rows: RollupRow[]; missing: number }> {
  const result = await sql<RollupRow & { held: boolean }>`
    select n.person_id, n.day::text as day, n.direction, n.mode, n.initiative, n.source, n.events,
           exists (select from rollup_daily r where ${sameKey('r', 'n')} and r.events >= n.events) as held
    from (${rollupRows(facts)}) as n`.execute(tx);
  const rows = result.rows.map(({ held: _, ...row }) => ({ ...row, events: Number(row.events) }));
  return { rows, missing: result.rows.filter((r) => !r.held).length };
}

/**
 * Moves `rollup_daily` from `before` — the rule's rows of some facts read ({@link readRollupRows})
 * before they were replaced — to the rule's rows of the stored facts matching `facts` now, in one
 * statement that writes only the net difference per key: a key up is upserted, a key down is updated,
 * a key down to zero is deleted, a key unchanged is not touched (most of them, when a reclassification
 * changes few labels). `before` must be held by `rollup_daily` (see `missing`).
 *
 * @example await replaceRollupRows(tx, factsWithIds(ids), before.rows);
 */
export async function replaceRollupRows(
  tx: Kysely<DB>,
  facts: RawBuilder<unknown>,
  before: readonly RollupRow[],
): Promise<void> {
  const key = ROLLUP_KEY_COLUMNS;
  const column = (k: keyof RollupRow) => before.map((r) => String(r[k]));
  await sql`
    with old as (
      select o.person_id, o.day::date as day, o.direction, o.mode, o.initiative, o.source,
             o.events::integer as events
      from unnest(${column('person_id')}::text[], ${column('day')}::text[], ${column('direction')}::text[],
                  ${column('mode')}::text[], ${column('initiative')}::text[], ${column('source')}::text[],
                  ${column('events')}::text[])
        as o(person_id, day, direction, mode, initiative, source, events)
    ),
    net as materialized (
      select ${key}, sum(events)::integer as events
      from (select * from (${rollupRows(facts)}) as n
            union all select ${key}, -events from old) as both_sides
      group by ${key}
      having sum(events) <> 0
    ),
    raised as (
      insert into rollup_daily (${key}, events)
      select ${key}, events from net where events > 0 order by ${key}
      on conflict (${key}) do update set events = rollup_daily.events + excluded.events
    ),
    emptied as (
      delete from rollup_daily r using net n
      where n.events < 0 and ${sameKey('r', 'n')} and r.events = -n.events
    )
    update rollup_daily r set events = r.events + n.events
    from net n where n.events < 0 and ${sameKey('r', 'n')} and r.events > -n.events`.execute(tx);
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
  const key = ROLLUP_KEY_COLUMNS;
  await sql`insert into rollup_daily (${key}, events) ${rollupRows(
    sql`(f.actor_person_id, (f.occurred_at at time zone 'UTC')::date) in (${pairs})`,
  )}`.execute(tx);
}
