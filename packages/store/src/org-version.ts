import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from './schema';
import { getSetting, setSetting } from './user-repository';

/** The setting that changes whenever the org chart or an identity link changes. */
export const ORG_VERSION_KEY = 'org.version';

/**
 * Marks the org chart as changed, inside the writer's own transaction (`tx`), so that a reader never
 * sees the new rows with the old version or the other way round. Every store function that writes the
 * org chart or identity links calls it (`replaceOrgChart`, `replaceManualAccounts`, `mergeOrgSnapshot`);
 * nothing else needs to. The value is the time plus a random suffix: two changes in the same
 * millisecond still differ.
 *
 * @example await inTransaction(db, async (tx) => { …; await bumpOrgVersion(tx); });
 */
export async function bumpOrgVersion(tx: Kysely<DB>, now: Date = new Date()): Promise<string> {
  const version = `${now.toISOString()}#${randomBytes(4).toString('hex')}`;
  await setSetting(tx, ORG_VERSION_KEY, version);
  return version;
}

/**
 * The current org version (null before the first org write): compare it with the one a cached chart
 * was loaded at to know whether to load again.
 *
 * @example if ((await readOrgVersion(store.db)) !== loadedAt) chart = await loadOrgChart(store.db);
 */
export function readOrgVersion(db: Kysely<DB>): Promise<string | null> {
  return getSetting(db, ORG_VERSION_KEY);
}
