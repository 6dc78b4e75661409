import { PushpullError } from '@pushpull/core';
import { type Insertable, type Kysely, type RawBuilder, sql } from 'kysely';
import { inTransaction } from './in-transaction';
import { utcDayOf } from './iso-date';
import { ORG_VERSION_KEY } from './org-version';
import { rolledBack } from './rolled-back';
import { applyRollupRows, directionsByFact, factDirections, factsWithIds } from './rollup-rule';
import type { DB, EdgeFactTable } from './schema';

/** One edge of a labeled event as stored (no text). A broadcast edge has direction 'broadcast'. */
export interface EdgeInput {
  targetPersonId: string | null;
  direction: string;
  distance: number | null;
  broadcast: boolean;
  audienceSize: number | null;
}

/** One labeled event as stored: labels, reasons and metadata, never message text. */
export interface FactInput {
  eventId: string;
  /** ISO timestamp. */
  occurredAt: string;
  source: string;
  type: string | null;
  actorPersonId: string | null;
  mode: string;
  initiative: string | null;
  confidence: number;
  reasons: string[];
  classifierVersion: string;
  url: string | null;
  /** For a responsive push: the event id of the pull it answered, when known. */
  respondsTo?: string | null;
  edges: EdgeInput[];
}

/** Where a consumer group continues reading a partition (the offset after the last one handled). */
export interface OffsetInput {
  topic: string;
  partition: number;
  nextOffset: string;
}

/** One transactional write of a consumed batch. */
export interface LabeledBatchInput {
  groupId: string;
  facts: FactInput[];
  offsets: OffsetInput[];
  /**
   * Write only if the store's org version (`readOrgVersion`) still equals this one — the version the
   * caller's suppression list was loaded at. Checked in the statement that writes, so an erasure that
   * committed before it (an erasure bumps the version) is never missed; when it moved, nothing is
   * written (offsets neither) and the result says so. Omitted: no check.
   */
  ifOrgVersion?: string | null;
}

/** What a batch changed: facts new to the store, and facts it already had (or repeated in the batch). */
export interface LabeledBatchResult {
  inserted: number;
  duplicates: number;
  /**
   * Present only when `ifOrgVersion` no longer held: nothing was written (counts are 0), and this is
   * the org version the store holds (load the suppression list again, then write the batch again).
   */
  orgVersionMoved?: string | null;
}

/** Throws STORE_INVALID_ARGUMENT for a fact without id or with an unparseable time. */
export function validateFacts(facts: readonly FactInput[], what = 'recordLabeledBatch'): void {
  for (const fact of facts) {
    if (!fact.eventId) {
      throw new PushpullError('STORE_INVALID_ARGUMENT', `${what}: a fact has an empty eventId`, {});
    }
    if (utcDayOf(fact.occurredAt) === null) {
      throw new PushpullError(
        'STORE_INVALID_ARGUMENT',
        `${what}: fact ${fact.eventId} has an unparseable occurredAt '${fact.occurredAt}'`,
        { eventId: fact.eventId },
      );
    }
  }
}

/** The edge_fact rows of a fact. */
export function toEdgeRows(fact: FactInput): Insertable<EdgeFactTable>[] {
  return fact.edges.map((edge, index) => ({
    event_id: fact.eventId,
    edge_index: index,
    target_person_id: edge.targetPersonId,
    direction: edge.direction,
    distance: edge.distance,
    broadcast: edge.broadcast,
    audience_size: edge.audienceSize,
  }));
}

/** Postgres text arrays of the facts' labeled_fact columns, for {@link factRowsOf}. */
function factColumns(facts: readonly FactInput[]) {
  return {
    eventId: facts.map((f) => f.eventId),
    occurredAt: facts.map((f) => f.occurredAt),
    source: facts.map((f) => f.source),
    type: facts.map((f) => f.type),
    actor: facts.map((f) => f.actorPersonId),
    mode: facts.map((f) => f.mode),
    initiative: facts.map((f) => f.initiative),
    confidence: facts.map((f) => String(f.confidence)),
    reasons: facts.map((f) => JSON.stringify(f.reasons)),
    version: facts.map((f) => f.classifierVersion),
    url: facts.map((f) => f.url),
    respondsTo: facts.map((f) => f.respondsTo ?? null),
  };
}

/** The labeled_fact columns {@link factRowsOf} yields, in its order. */
export const FACT_COLUMNS = sql.raw(
  'event_id, occurred_at, source, type, actor_person_id, mode, initiative, confidence, reasons, classifier_version, url, responds_to, rollup_directions',
);

/**
 * The facts as labeled_fact rows (`select … from unnest(…)`, columns {@link FACT_COLUMNS}, in the
 * facts' order): one bind parameter per column whatever the number of facts, so a batch is one
 * statement of any size. Every array goes as text[] and is cast in SQL, alike on pg and PGlite.
 * `edges` names the relation holding the facts' edges as {@link edgeRowsOf} yields them (a CTE of
 * the same statement): each fact's `rollup_directions` are derived from them by the rollup rule
 * (`directionsByFact`), so a fact is never stored with directions other than its edges'.
 */
export function factRowsOf(facts: readonly FactInput[], edges: RawBuilder<unknown>): RawBuilder<unknown> {
  const c = factColumns(facts);
  return sql`select u.event_id, u.occurred_at::timestamptz, u.source, u.type, u.actor_person_id, u.mode,
      u.initiative, u.confidence::double precision, u.reasons::jsonb, u.classifier_version, u.url, u.responds_to,
      ${factDirections(sql`d.directions`)} as rollup_directions
    from unnest(${c.eventId}::text[], ${c.occurredAt}::text[], ${c.source}::text[], ${c.type}::text[],
      ${c.actor}::text[], ${c.mode}::text[], ${c.initiative}::text[], ${c.confidence}::text[],
      ${c.reasons}::text[], ${c.version}::text[], ${c.url}::text[], ${c.respondsTo}::text[])
      with ordinality as u(event_id, occurred_at, source, type, actor_person_id, mode, initiative, confidence,
           reasons, classifier_version, url, responds_to, n)
    left join (${directionsByFact(sql`select * from ${edges}`)}) as d on d.event_id = u.event_id
    order by u.n`;
}

/** The edge_fact columns {@link edgeRowsOf} yields, in its order. */
export const EDGE_COLUMNS = sql.raw(
  'event_id, edge_index, target_person_id, direction, distance, broadcast, audience_size',
);

/**
 * The facts' edges as edge_fact rows (`select … from unnest(…)`, columns {@link EDGE_COLUMNS}), like
 * {@link factRowsOf}; `where` filters them (on `u.event_id`, e.g. to the facts a statement inserted).
 */
export function edgeRowsOf(facts: readonly FactInput[], where: RawBuilder<unknown> = sql`true`) {
  const rows = facts.flatMap(toEdgeRows);
  const text = (v: number | boolean | null | undefined) => (v === null || v === undefined ? null : String(v));
  return sql`select u.event_id, u.edge_index::integer, u.target_person_id, u.direction, u.distance::integer,
      u.broadcast::boolean, u.audience_size::integer
    from unnest(${rows.map((r) => r.event_id)}::text[], ${rows.map((r) => text(r.edge_index))}::text[],
      ${rows.map((r) => r.target_person_id ?? null)}::text[], ${rows.map((r) => r.direction)}::text[],
      ${rows.map((r) => text(r.distance))}::text[], ${rows.map((r) => text(r.broadcast))}::text[],
      ${rows.map((r) => text(r.audience_size))}::text[])
      as u(event_id, edge_index, target_person_id, direction, distance, broadcast, audience_size)
    where ${where}`;
}

/**
 * Writes a consumed batch of labeled events and the consumer's offsets in ONE transaction, so a
 * crash, a replay or a duplicate never double counts:
 * 1. one statement inserts the facts `ON CONFLICT (event_id) DO NOTHING` (each with its rollup
 *    directions, derived from its edges by the rule), the edges of the facts it inserted, and upserts
 *    the offsets (rows from `unnest` of arrays: one statement per batch of any
 *    size); with `ifOrgVersion` it writes nothing when the org version moved;
 * 2. one upsert increments `rollup_daily` for the newly inserted facts (the rule of `rollupRows`:
 *    `events = rollup_daily.events + excluded.events`, rows in key order).
 * Four round trips per batch (begin, the two statements, commit); rows are written in key order.
 *
 * Rollup rule (`rollupRows` in rollup-rule.ts): a fact increments its actor's row for its UTC day ×
 * source × mode × initiative ('' when null) × direction, ONCE per distinct direction among its edges.
 * A fact whose actor is unresolved (null) is stored with its edges but not rolled up.
 *
 * @example
 * const { inserted, duplicates } = await recordLabeledBatch(store.db, {
 *   groupId: 'pushpull.aggregator',
 *   facts: labeled.map((e) => toFact(e)),
 *   offsets: [{ topic: 'pushpull.activity.labeled.v1', partition: 0, nextOffset: '1042' }],
 * });
 */
export async function recordLabeledBatch(
  db: Kysely<DB>,
  input: LabeledBatchInput,
): Promise<LabeledBatchResult> {
  validateFacts(input.facts);
  const unique = new Map<string, FactInput>();
  for (const fact of input.facts) if (!unique.has(fact.eventId)) unique.set(fact.eventId, fact);
  const facts = [...unique.values()].sort((a, b) =>
    a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0,
  );
  const offsets = [...input.offsets].sort((a, b) =>
    a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
  );
  const guard =
    input.ifOrgVersion === undefined
      ? sql`true`
      : sql`v.value is not distinct from ${input.ifOrgVersion}::text`;
  try {
    const { fresh, orgVersion, written } = await inTransaction(db, async (tx) => {
      const result = await sql<{ fresh: string[] | null; org_version: string | null; written: boolean }>`
        with v as (select (select value from setting where key = ${ORG_VERSION_KEY}) as value),
        go as (select from v where ${guard}),
        batch_edges as (${edgeRowsOf(facts)}),
        inserted as (
          insert into labeled_fact (${FACT_COLUMNS})
          select * from (${factRowsOf(facts, sql`batch_edges`)}) as r where exists (select from go)
          on conflict (event_id) do nothing
          returning event_id
        ),
        edges as (
          insert into edge_fact (${EDGE_COLUMNS})
          select * from batch_edges b where b.event_id in (select event_id from inserted)
        ),
        offsets as (
          insert into consumer_offset (group_id, topic, partition, next_offset, updated_at)
          select ${input.groupId}::text, o.topic, o.partition::integer, o.next_offset, now()
          from unnest(${offsets.map((o) => o.topic)}::text[], ${offsets.map((o) => String(o.partition))}::text[],
                      ${offsets.map((o) => o.nextOffset)}::text[]) as o(topic, partition, next_offset)
          where exists (select from go)
          on conflict (group_id, topic, partition)
          do update set next_offset = excluded.next_offset, updated_at = excluded.updated_at
        )
        select (select array_agg(event_id order by event_id) from inserted) as fresh,
               (select value from v) as org_version, exists (select from go) as written`.execute(tx);
      const row = result.rows[0];
      const fresh = row?.fresh ?? [];
      if (fresh.length > 0) await applyRollupRows(tx, factsWithIds(fresh));
      return { fresh, orgVersion: row?.org_version ?? null, written: row?.written ?? false };
    });
    if (!written) return { inserted: 0, duplicates: 0, orgVersionMoved: orgVersion };
    return { inserted: fresh.length, duplicates: input.facts.length - fresh.length };
  } catch (err) {
    throw rolledBack('recordLabeledBatch', err, `${input.facts.length} facts of group ${input.groupId}`, {
      groupId: input.groupId,
      facts: input.facts.length,
    });
  }
}

/**
 * The stored next offsets of a consumer group on a topic, by partition.
 *
 * @example (await readOffsets(store.db, 'pushpull.aggregator', topic)).get(0) // '1042'
 */
export async function readOffsets(
  db: Kysely<DB>,
  groupId: string,
  topic: string,
): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('consumer_offset')
    .select(['partition', 'next_offset'])
    .where('group_id', '=', groupId)
    .where('topic', '=', topic)
    .execute();
  return new Map(rows.map((r) => [r.partition, r.next_offset]));
}

/**
 * How many labeled facts the store holds.
 *
 * @example await countFacts(store.db) // 1042
 */
export async function countFacts(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('labeled_fact')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
