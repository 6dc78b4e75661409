import type { Kysely, Transaction } from 'kysely';

/**
 * Runs `work` in a transaction: a new one on a `Kysely`, or the caller's own when `db` already is a
 * transaction (so repository functions compose into a larger unit of work).
 *
 * @example await inTransaction(db, async (tx) => { await a(tx); await b(tx); });
 */
export async function inTransaction<DB, T>(
  db: Kysely<DB>,
  work: (tx: Transaction<DB> | Kysely<DB>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
