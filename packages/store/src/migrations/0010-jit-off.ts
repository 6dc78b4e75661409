import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Turns Postgres' JIT compilation off for every session of the pushpull database (`ALTER DATABASE …
 * SET jit = off`), analysts' and BI tools' included. The analytics views are long expressions over
 * few rows per group: JIT spends seconds compiling them and wins nothing back (docs/analytics.md,
 * "Performance": a quarter of `analytics.leader_profile` 1.1 s without, about 5 s with). pushpull's own
 * connections also set it per session (`openStore`). A migrating user that may not alter the database
 * (neither owner nor superuser) skips it with a warning; PGlite has no JIT and accepts the setting.
 * An admin can turn it back on with `ALTER DATABASE pushpull RESET jit`. Frozen once shipped.
 */
export const jitOffMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`do $$
      begin
        execute format('alter database %I set jit = off', current_database());
      exception
        when insufficient_privilege then
          raise warning 'pushpull: cannot turn JIT off for database %; see docs/analytics.md', current_database();
      end
    $$`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await sql`do $$
      begin
        execute format('alter database %I reset jit', current_database());
      exception
        when insufficient_privilege then null;
      end
    $$`.execute(db);
  },
};
