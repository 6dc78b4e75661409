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
 * latest batch is the one that counts): one statement, its rows from `unnest` of one array per column
 * (no bind parameter per value), in conversation order so that two writers lock them alike.
 *
 * @example await recordTrails(store.db, [{ conversationId: 'slack:T1:C2', trail, before: null, partition: 0, firstOffset: '0', lastOffset: '9', lastAt }]);
 */
export async function recordTrails(
  db: Kysely<DB>,
  trails: readonly StoredConversationTrail[],
): Promise<void> {
  if (trails.length === 0) return;
  const rows = [...trails].sort((a, b) =>
    a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0,
  );
  const column = <T>(f: (t: StoredConversationTrail) => T) => rows.map(f);
  await sql`
    insert into conversation_trail
      (conversation_id, trail, before, partition, first_offset, last_offset, person_keys, last_at)
    select u.conversation_id, u.trail::jsonb, u.before::jsonb, u.partition::integer, u.first_offset::bigint,
           u.last_offset::bigint, array(select jsonb_array_elements_text(u.person_keys::jsonb)),
           u.last_at::timestamptz
    from unnest(${column((t) => t.conversationId)}::text[], ${column((t) => JSON.stringify(t.trail))}::text[],
                ${column((t) => (t.before === null ? null : JSON.stringify(t.before)))}::text[],
                ${column((t) => String(t.partition))}::text[], ${column((t) => t.firstOffset)}::text[],
                ${column((t) => t.lastOffset)}::text[],
                ${column((t) => JSON.stringify([...new Set([...keysOf(t.trail), ...keysOf(t.before)])]))}::text[],
                ${column((t) => t.lastAt)}::text[])
      as u(conversation_id, trail, before, partition, first_offset, last_offset, person_keys, last_at)
    on conflict (conversation_id) do update set
      trail = excluded.trail, before = excluded.before, partition = excluded.partition,
      first_offset = excluded.first_offset, last_offset = excluded.last_offset,
      person_keys = excluded.person_keys, last_at = excluded.last_at`.execute(db);
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
