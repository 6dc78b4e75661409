import type { Kysely } from 'kysely';
import type { DB } from './schema';

/**
 * A connector's saved cursor for a source and scope (e.g. 'github', 'acme/api'), or null.
 *
 * @example const since = (await getCursor(store.db, 'github', 'acme/api')) ?? defaultSince;
 */
export async function getCursor(db: Kysely<DB>, source: string, scope: string): Promise<string | null> {
  const row = await db
    .selectFrom('sync_cursor')
    .select('cursor')
    .where('source', '=', source)
    .where('scope', '=', scope)
    .executeTakeFirst();
  return row?.cursor ?? null;
}

/**
 * Saves a connector's cursor (insert or replace). Call it only after a successful run.
 *
 * @example await setCursor(store.db, 'github', 'acme/api', runStartedAt.toISOString());
 */
export async function setCursor(
  db: Kysely<DB>,
  source: string,
  scope: string,
  cursor: string,
): Promise<void> {
  await db
    .insertInto('sync_cursor')
    .values({ source, scope, cursor, updated_at: new Date() })
    .onConflict((oc) =>
      oc.columns(['source', 'scope']).doUpdateSet((eb) => ({
        cursor: eb.ref('excluded.cursor'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
