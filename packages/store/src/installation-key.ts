import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from './schema';

/**
 * The `setting` holding the installation's secret key: 32 random bytes, made on first use. The
 * dashboard's pseudonyms and the keyed hashes of erased addresses (`suppression`, `audit_log`) are
 * HMAC-SHA256 under it. Its historical name is kept so existing pseudonyms stay what they were.
 */
export const INSTALLATION_KEY_SETTING = 'dashboard.pseudonym-key';

/**
 * The installation's secret key, created when missing. Two processes asking at once get the same key:
 * the first insert wins and both read it back. Never print it.
 *
 * @example const secret = await installationKey(store.db); keyedHash(secret, 'email:lea@acme.io')
 */
export async function installationKey(db: Kysely<DB>): Promise<string> {
  await sql`insert into setting (key, value) values (${INSTALLATION_KEY_SETTING}, ${randomBytes(32).toString('base64url')})
    on conflict (key) do nothing`.execute(db);
  const row = await db
    .selectFrom('setting')
    .select('value')
    .where('key', '=', INSTALLATION_KEY_SETTING)
    .executeTakeFirstOrThrow();
  return row.value;
}
