import { type AppUserRow, findUser, type Store } from '@pushpull/store';

const caches = new WeakMap<Store, Map<string, AppUserRow | null>>();

/**
 * Keeps the `app_user` rows that requests read in memory, for a store whose every write to `app_user`
 * passes through this process: embedded mode, where `pushpull users add|remove` hand their changes to the
 * dashboard's user inbox and {@link applyUserChange} forgets the rows after each one. PGlite answers one
 * query at a time, so a row read per request would queue concurrent requests behind each other. With
 * Postgres other processes write `app_user` directly: there every request reads the row.
 *
 * @example keepUserRowsInMemory(store); … await readUserRow(store, 'ana');
 */
export function keepUserRowsInMemory(store: Store): void {
  if (!caches.has(store)) caches.set(store, new Map());
}

/** Forgets the kept rows of `store` (after a change to `app_user`); nothing when none are kept. */
export function forgetUserRows(store: Store): void {
  caches.get(store)?.clear();
}

/** The `app_user` row of `username` (null when there is none): kept in memory where enabled, else read. */
export async function readUserRow(store: Store, username: string): Promise<AppUserRow | null> {
  const cache = caches.get(store);
  if (!cache) return findUser(store.db, username);
  const kept = cache.get(username);
  if (kept !== undefined) return kept;
  const row = await findUser(store.db, username);
  if (cache.size >= 10_000) cache.clear();
  cache.set(username, row);
  return row;
}
