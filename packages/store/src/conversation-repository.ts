import type { Insertable, Kysely, Selectable } from 'kysely';
import { chunkRows } from './chunk-rows';
import { ORG_VERSION_KEY, readOrgVersion } from './org-version';
import type { ConversationPullTable, DB } from './schema';

/**
 * A pull in a conversation: `pullerKey` asked `pulledKeys` (identity keys) with event `eventId` at
 * `at` (ISO 8601). Structurally the classifier's `PullRecord`.
 */
export interface ConversationPull {
  conversationId: string;
  eventId: string;
  pullerKey: string;
  pulledKeys: string[];
  at: string;
  /** `directive` for a push that asked its targets to act; absent for a pull. */
  kind?: 'directive';
}

/** Stands for "nobody in particular" when a pull addressed no one (a key column cannot be null). */
const NOBODY = '';

function toRows(pull: ConversationPull): Insertable<ConversationPullTable>[] {
  const keys = pull.pulledKeys.length > 0 ? [...new Set(pull.pulledKeys)] : [NOBODY];
  return keys.map((key) => ({
    conversation_id: pull.conversationId,
    puller_key: pull.pullerKey,
    pulled_key: key,
    event_id: pull.eventId,
    occurred_at: pull.at,
    kind: pull.kind === 'directive' ? ('directive' as const) : ('pull' as const),
  }));
}

/**
 * Remembers pulls (so responsiveness survives restarts): one row per pulled key. Rows already
 * stored are skipped. Returns how many rows were new.
 *
 * @example
 * await recordPulls(store.db, [
 *   { conversationId: 'github:acme/api:issue:4', eventId, pullerKey: 'p:boss@acme.io', pulledKeys: ['p:ada@acme.io'], at },
 * ]);
 */
export async function recordPulls(db: Kysely<DB>, pulls: ConversationPull[]): Promise<number> {
  let inserted = 0;
  for (const chunk of chunkRows(pulls.flatMap(toRows), 6)) {
    const result = await db
      .insertInto('conversation_pull')
      .values(chunk)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return inserted;
}

/**
 * Every stored pull of these conversations, ordered by conversation, time and event id; the
 * pulled keys of one pull are sorted.
 *
 * @example const pulls = await findPulls(store.db, ['github:acme/api:issue:4', 'slack:T1:C2:1700000000.0001']);
 */
export async function findPulls(
  db: Kysely<DB>,
  conversationIds: readonly string[],
): Promise<ConversationPull[]> {
  if (conversationIds.length === 0) return [];
  return (await findPullsAtOrgVersion(db, conversationIds)).pulls;
}

/** Rows of one pull per pulled key, in `findPulls`' order, folded into pulls appended to `out`. */
function groupPulls(rows: readonly Selectable<ConversationPullTable>[], out: ConversationPull[]): void {
  let last: ConversationPull | undefined;
  for (const r of rows) {
    if (
      !last ||
      last.conversationId !== r.conversation_id ||
      last.eventId !== r.event_id ||
      last.pullerKey !== r.puller_key
    ) {
      const at = r.occurred_at instanceof Date ? r.occurred_at.toISOString() : String(r.occurred_at);
      last = {
        conversationId: r.conversation_id,
        eventId: r.event_id,
        pullerKey: r.puller_key,
        pulledKeys: [],
        at,
        ...(r.kind === 'directive' ? { kind: 'directive' as const } : {}),
      };
      out.push(last);
    }
    if (r.pulled_key !== NOBODY) last.pulledKeys.push(r.pulled_key);
  }
}

/**
 * The org version (as `readOrgVersion` gives it) and every stored pull of these conversations (as
 * `findPulls` gives them), read in one statement — one round trip, one snapshot: pulls an org change
 * deleted (an erasure) are never read beside the version from before it.
 *
 * @example const { orgVersion, pulls } = await findPullsAtOrgVersion(store.db, ['outlook:conv-1']);
 */
export async function findPullsAtOrgVersion(
  db: Kysely<DB>,
  conversationIds: readonly string[],
): Promise<{ orgVersion: string | null; pulls: ConversationPull[] }> {
  const ids = [...new Set(conversationIds)].sort();
  if (ids.length === 0) return { orgVersion: await readOrgVersion(db), pulls: [] };
  let orgVersion: string | null = null;
  const pulls: ConversationPull[] = [];
  for (const [i, chunk] of chunkRows(ids, 1).entries()) {
    const version = db
      .selectNoFrom((eb) =>
        eb.selectFrom('setting').select('value').where('key', '=', ORG_VERSION_KEY).as('org_version'),
      )
      .as('v');
    const rows = await db
      .selectFrom(version)
      .leftJoin('conversation_pull as p', (join) => join.on('p.conversation_id', 'in', chunk))
      .select([
        'v.org_version',
        'p.conversation_id',
        'p.event_id',
        'p.puller_key',
        'p.pulled_key',
        'p.occurred_at',
        'p.kind',
      ])
      .orderBy('p.conversation_id')
      .orderBy('p.occurred_at')
      .orderBy('p.event_id')
      .orderBy('p.puller_key')
      .orderBy('p.pulled_key')
      .execute();
    // Later chunks (a batch of over 30,000 conversations) are other statements; the first one's version stands.
    if (i === 0) orgVersion = rows[0]?.org_version ?? null;
    groupPulls(
      rows.flatMap((r) => (r.conversation_id === null ? [] : [r as Selectable<ConversationPullTable>])),
      pulls,
    );
  }
  return { orgVersion, pulls };
}
