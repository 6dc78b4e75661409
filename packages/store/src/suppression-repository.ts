import { keyedHash, SuppressionFilter } from '@pushpull/core';
import type { Kysely } from 'kysely';
import { installationKey } from './installation-key';
import type { DB } from './schema';

/**
 * The suppression list as a filter: the installation key and every suppressed account hash, read
 * once. Load it again to see later erasures (the connector worker does at every sync).
 *
 * @example const filter = await loadSuppressionFilter(store.db); filter.involves(event)
 */
export async function loadSuppressionFilter(db: Kysely<DB>): Promise<SuppressionFilter> {
  const secret = await installationKey(db);
  const rows = await db.selectFrom('suppression').select('account_hash').execute();
  return new SuppressionFilter(
    secret,
    rows.map((r) => r.account_hash),
  );
}

/**
 * Suppresses accounts (normalised keys such as `email:lea@acme.io`, `gh:lea`): stores their keyed
 * hashes under the subject's hash. Returns how many were new.
 *
 * @example await suppressAccounts(tx, secret, subjectHash, ['email:lea@acme.io', 'gh:lea'], 'erased');
 */
export async function suppressAccounts(
  db: Kysely<DB>,
  secret: string,
  subjectHash: string,
  accountKeys: readonly string[],
  reason: string,
): Promise<number> {
  const hashes = [...new Set(accountKeys.map((k) => keyedHash(secret, k)))];
  if (hashes.length === 0) return 0;
  const result = await db
    .insertInto('suppression')
    .values(hashes.map((account_hash) => ({ account_hash, subject_hash: subjectHash, reason })))
    .onConflict((oc) => oc.column('account_hash').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}
