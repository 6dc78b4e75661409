import { type Kysely, sql } from 'kysely';
import { chunkRows } from './chunk-rows';
import type { DB, StoredTrailState } from './schema';

/**
 * A conversation's trail as the classifier service keeps it in the store: the state after the batch that
 * last noted one of its events (`trail`), the state before that batch (`before`, null when the batch
 * started the trail), and where that batch lay on the raw topic (`partition`, its first and last
 * offsets, as decimal strings). `lastAt` is the latest noted event's time (ISO 8601).
 */
export interface StoredConversationTrail {
  conversationId: string;
  trail: StoredTrailState;
  before: StoredTrailState | null;
  partition: number;
  firstOffset: string;
  lastOffset: string;
  lastAt: string;
}

/** The identity keys a trail state names (what an erasure looks for). */
function keysOf(state: StoredTrailState | null): string[] {
  return state === null ? [] : [state.openerKey, state.lastAuthorKey, ...state.authorKeys];
}

/**
 * Writes the trails of one batch, one row per conversation, replacing what was stored (a conversation's
 * latest batch is the one that counts). Rows are written in conversation order, so that two writers
 * lock them alike.
 *
 * @example await recordTrails(store.db, [{ conversationId: 'slack:T1:C2', trail, before: null, partition: 0, firstOffset: '0', lastOffset: '9', lastAt }]);
 */
export async function recordTrails(
  db: Kysely<DB>,
  trails: readonly StoredConversationTrail[],
): Promise<void> {
  const rows = [...trails]
    .sort((a, b) => (a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0))
    .map((t) => ({
      conversation_id: t.conversationId,
      trail: JSON.stringify(t.trail),
      before: t.before === null ? null : JSON.stringify(t.before),
      partition: t.partition,
      first_offset: t.firstOffset,
      last_offset: t.lastOffset,
      person_keys: [...new Set([...keysOf(t.trail), ...keysOf(t.before)])],
      last_at: t.lastAt,
    }));
  for (const chunk of chunkRows(rows, 8)) {
    await db
      .insertInto('conversation_trail')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('conversation_id').doUpdateSet({
          trail: (eb) => eb.ref('excluded.trail'),
          before: (eb) => eb.ref('excluded.before'),
          partition: (eb) => eb.ref('excluded.partition'),
          first_offset: (eb) => eb.ref('excluded.first_offset'),
          last_offset: (eb) => eb.ref('excluded.last_offset'),
          person_keys: (eb) => eb.ref('excluded.person_keys'),
          last_at: (eb) => eb.ref('excluded.last_at'),
        }),
      )
      .execute();
  }
}

/**
 * The stored trails of these conversations (those that have one), in conversation order.
 *
 * @example const [t] = await findTrails(store.db, ['slack:T1:C2']); t?.trail.events
 */
export async function findTrails(
  db: Kysely<DB>,
  conversationIds: readonly string[],
): Promise<StoredConversationTrail[]> {
  const ids = [...new Set(conversationIds)].sort();
  const out: StoredConversationTrail[] = [];
  for (const chunk of chunkRows(ids, 1)) {
    const rows = await db
      .selectFrom('conversation_trail')
      .select(['conversation_id', 'trail', 'before', 'partition', 'first_offset', 'last_offset', 'last_at'])
      .where(sql<boolean>`conversation_id = any(${chunk}::text[])`)
      .orderBy('conversation_id')
      .execute();
    for (const r of rows) {
      out.push({
        conversationId: r.conversation_id,
        trail: parseJson(r.trail),
        before: r.before === null ? null : parseJson(r.before),
        partition: r.partition,
        firstOffset: String(r.first_offset),
        lastOffset: String(r.last_offset),
        lastAt: r.last_at instanceof Date ? r.last_at.toISOString() : String(r.last_at),
      });
    }
  }
  return out;
}

/** A jsonb value as the driver gives it: parsed already (node-postgres, PGlite) or as text. */
function parseJson(value: unknown): StoredTrailState {
  return (typeof value === 'string' ? JSON.parse(value) : value) as StoredTrailState;
}

/**
 * Deletes the trails that name any of these identity keys or whose latest event (before or after) is
 * one of these events: what an erasure removes. Returns how many rows went.
 *
 * @example await deleteTrailsOf(tx, ['p:ada@acme.io', 'email:ada@acme.io'], eventIds)
 */
export async function deleteTrailsOf(
  db: Kysely<DB>,
  identityKeys: readonly string[],
  eventIds: readonly string[],
): Promise<number> {
  const result = await db
    .deleteFrom('conversation_trail')
    .where(
      sql<boolean>`person_keys && ${[...identityKeys]}::text[]
        or trail->>'lastEventId' = any(${[...eventIds]}::text[])
        or before->>'lastEventId' = any(${[...eventIds]}::text[])`,
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows ?? 0n);
}
