import { PushpullError } from '@pushpull/core';
import type { Insertable, Kysely } from 'kysely';
import { chunkRows } from './chunk-rows';
import { inTransaction } from './in-transaction';
import { utcDayOf } from './iso-date';
import { rolledBack } from './rolled-back';
import { applyRollupRows, factsWithIds } from './rollup-rule';
import type { DB, EdgeFactTable, LabeledFactTable } from './schema';

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
}

/** What a batch changed: facts new to the store, and facts it already had (or repeated in the batch). */
export interface LabeledBatchResult {
  inserted: number;
  duplicates: number;
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

/** The labeled_fact row of a fact. */
export function toFactRow(fact: FactInput): Insertable<LabeledFactTable> {
  return {
    event_id: fact.eventId,
    occurred_at: fact.occurredAt,
    source: fact.source,
    type: fact.type,
    actor_person_id: fact.actorPersonId,
    mode: fact.mode,
    initiative: fact.initiative,
    confidence: fact.confidence,
    reasons: JSON.stringify(fact.reasons),
    classifier_version: fact.classifierVersion,
    url: fact.url,
    responds_to: fact.respondsTo ?? null,
  };
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

/**
 * Writes a consumed batch of labeled events and the consumer's offsets in ONE transaction, so a
 * crash, a replay or a duplicate never double counts:
 * 1. facts are inserted `ON CONFLICT (event_id) DO NOTHING RETURNING event_id`;
 * 2. only the newly inserted facts get their edges and increment `rollup_daily` (the rule of
 *    `rollupRows`, one upsert: `events = rollup_daily.events + excluded.events`, rows in key order);
 * 3. the offsets are upserted.
 * Statements are chunked below Postgres' bind-parameter limit; rows are written in key order.
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
  try {
    const inserted = await inTransaction(db, async (tx) => {
      const fresh = new Set<string>();
      for (const chunk of chunkRows(facts, 11)) {
        const rows = await tx
          .insertInto('labeled_fact')
          .values(chunk.map(toFactRow))
          .onConflict((oc) => oc.column('event_id').doNothing())
          .returning('event_id')
          .execute();
        for (const row of rows) fresh.add(row.event_id);
      }
      const freshFacts = facts.filter((f) => fresh.has(f.eventId));
      for (const chunk of chunkRows(freshFacts.flatMap(toEdgeRows), 7)) {
        await tx.insertInto('edge_fact').values(chunk).execute();
      }
      if (fresh.size > 0) await applyRollupRows(tx, factsWithIds([...fresh].sort()), 1);
      if (offsets.length > 0) {
        await tx
          .insertInto('consumer_offset')
          .values(
            offsets.map((o) => ({
              group_id: input.groupId,
              topic: o.topic,
              partition: o.partition,
              next_offset: o.nextOffset,
              updated_at: new Date(),
            })),
          )
          .onConflict((oc) =>
            oc.columns(['group_id', 'topic', 'partition']).doUpdateSet((eb) => ({
              next_offset: eb.ref('excluded.next_offset'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
      return fresh.size;
    });
    return { inserted, duplicates: input.facts.length - inserted };
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
