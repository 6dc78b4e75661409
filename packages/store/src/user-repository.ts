import type { Kysely, Selectable } from 'kysely';
import type { AppUserTable, DB } from './schema';

/** A dashboard user as stored (the password only as a scrypt hash). */
export type AppUserRow = Selectable<AppUserTable>;

/** What {@link upsertUser} writes. `role` is admin | analyst | leader. */
export interface UserInput {
  username: string;
  passwordHash: string;
  role: string;
  personId: string | null;
}

/**
 * Creates a user or replaces their password hash, role and person.
 *
 * @example await upsertUser(store.db, { username: 'admin', passwordHash, role: 'admin', personId: null });
 */
export async function upsertUser(db: Kysely<DB>, user: UserInput): Promise<void> {
  await db
    .insertInto('app_user')
    .values({
      username: user.username,
      password_hash: user.passwordHash,
      role: user.role,
      person_id: user.personId,
    })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet((eb) => ({
        password_hash: eb.ref('excluded.password_hash'),
        role: eb.ref('excluded.role'),
        person_id: eb.ref('excluded.person_id'),
      })),
    )
    .execute();
}

/**
 * The user with this username, or null.
 *
 * @example const admin = await findUser(store.db, 'admin'); // { username, password_hash, role, person_id, created_at }
 */
export async function findUser(db: Kysely<DB>, username: string): Promise<AppUserRow | null> {
  return (
    (await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst()) ?? null
  );
}

/**
 * Removes a user. Returns whether there was one.
 *
 * @example await removeUser(store.db, 'ana') // true
 */
export async function removeUser(db: Kysely<DB>, username: string): Promise<boolean> {
  const result = await db.deleteFrom('app_user').where('username', '=', username).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * A setting's value, or null when unset.
 *
 * @example await getSetting(store.db, 'pseudonym.key')
 */
export async function getSetting(db: Kysely<DB>, key: string): Promise<string | null> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

/**
 * Sets (inserts or replaces) a setting.
 *
 * @example await setSetting(store.db, 'pseudonym.key', key);
 */
export async function setSetting(db: Kysely<DB>, key: string, value: string): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}
