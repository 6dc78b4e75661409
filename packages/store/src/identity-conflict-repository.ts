import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { chunkRows } from './chunk-rows';
import type { DB } from './schema';

/**
 * An identity seen in events whose accounts point to different people (its email is Ada's, its
 * Slack id Bob's). The classifier leaves it unresolved; an admin settles it with the override file.
 */
export interface IdentityConflict {
  /** A stable key of the identity's accounts, e.g. `email=ada@acme.com slack_id=U0BOB`. */
  identityKey: string;
  /** The identity's account fields (never a name or any text). */
  identity: Record<string, string | number>;
  /** The people its accounts point to, sorted. */
  personIds: string[];
  /** How many events carried it. */
  events: number;
  firstSeen: string;
  lastSeen: string;
}

/** One sighting batch: an identity, the people it points to, how often and when it was seen. */
export type IdentityConflictInput = Omit<IdentityConflict, 'firstSeen' | 'lastSeen'> & {
  seenAt: string;
};

/**
 * Adds sightings of ambiguous identities: new ones are inserted, known ones get their event count
 * and last sighting updated (and the people they point to now).
 *
 * @example await recordIdentityConflicts(db, [{ identityKey, identity, personIds, events: 1, seenAt }]);
 */
export async function recordIdentityConflicts(
  db: Kysely<DB>,
  conflicts: readonly IdentityConflictInput[],
): Promise<void> {
  for (const chunk of chunkRows(conflicts, 6)) {
    await db
      .insertInto('identity_conflict')
      .values(
        chunk.map((c) => ({
          identity_key: c.identityKey,
          identity: JSON.stringify(c.identity),
          person_ids: JSON.stringify(c.personIds),
          events: c.events,
          first_seen: c.seenAt,
          last_seen: c.seenAt,
        })),
      )
      .onConflict((oc) =>
        oc.column('identity_key').doUpdateSet({
          events: sql`identity_conflict.events + excluded.events`,
          person_ids: sql`excluded.person_ids`,
          first_seen: sql`least(identity_conflict.first_seen, excluded.first_seen)`,
          last_seen: sql`greatest(identity_conflict.last_seen, excluded.last_seen)`,
        }),
      )
      .execute();
  }
}

/**
 * Every ambiguous identity, most events first.
 *
 * @example for (const c of await listIdentityConflicts(db)) console.log(c.identityKey, c.personIds);
 */
export async function listIdentityConflicts(db: Kysely<DB>): Promise<IdentityConflict[]> {
  const rows = await db
    .selectFrom('identity_conflict')
    .selectAll()
    .orderBy('events', 'desc')
    .orderBy('identity_key')
    .execute();
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
  const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return rows.map((r) => ({
    identityKey: r.identity_key,
    identity: json<Record<string, string | number>>(r.identity),
    personIds: json<string[]>(r.person_ids),
    events: r.events,
    firstSeen: iso(r.first_seen),
    lastSeen: iso(r.last_seen),
  }));
}
