import { createHash } from 'node:crypto';
import { PushpullError } from '@pushpull/core';
import { type Kysely, type MigrationResult, Migrator, sql } from 'kysely';
import { migrations } from './migrations/index';
import { pgliteTemplatePath } from './pglite-template';

/** Session advisory lock key held around migrations on Postgres (an arbitrary fixed bigint). */
const MIGRATION_LOCK_KEY = 7_240_519_331_007_001n;

/**
 * Brings a database to the latest schema. Idempotent. On Postgres it holds a session advisory lock
 * on one connection for the whole run, so processes starting at once migrate one after the other
 * (the later ones find nothing to do). Everything runs on that one connection, which also keeps the
 * single PGlite session free of self-deadlock.
 *
 * @example
 * const applied = await migrateStore(db, 'postgres'); // ['0001-initial'] on a fresh database, [] after
 */
export async function migrateStore<T>(db: Kysely<T>, kind: 'postgres' | 'pglite'): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    if (kind === 'postgres') await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(conn);
    try {
      const migrator = new Migrator({
        db: conn,
        provider: { getMigrations: async () => ({ ...migrations }) },
      });
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed =
          results?.find((r: MigrationResult) => r.status === 'Error')?.migrationName ?? 'unknown';
        throw new PushpullError(
          'STORE_MIGRATION_FAILED',
          `store migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
          { migration: failed },
          { cause: error },
        );
      }
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    } finally {
      if (kind === 'postgres') {
        await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(conn);
      }
    }
  });
}

let fingerprint: string | undefined;

/**
 * A fingerprint of the migrations this code runs: their names and the source of their steps, so a
 * migration added or changed (in development) never meets a template made by other ones.
 */
export function migrationsFingerprint(): string {
  if (fingerprint === undefined) {
    const h = createHash('sha256');
    for (const [name, m] of Object.entries(migrations)) h.update(`${name}\0${m.up}\0${m.down ?? ''}\0`);
    fingerprint = h.digest('hex').slice(0, 16);
  }
  return fingerprint;
}

/**
 * The template of fresh embedded databases: a PGlite cluster this code's migrations ran on (see
 * `createPglite`), in the private template folder of this user.
 */
export function migratedTemplatePath(): string {
  return pgliteTemplatePath(`schema-${migrationsFingerprint()}`);
}
