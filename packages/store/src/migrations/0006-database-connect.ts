import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Closes the database to roles that were not let in (issue 14, finding 10). Postgres grants CONNECT on
 * every new database to PUBLIC, so one analyst login — a member of the cluster-wide `pushpull_analyst`,
 * which every pushpull database grants its views to — could read every pushpull database on the
 * server. From here CONNECT is revoked from PUBLIC and granted to the migrating user (the one the
 * services connect as; the owner and superusers keep theirs anyway); `pushpull_analyst` itself gets no
 * CONNECT, so an analyst login reaches exactly the databases an admin grants it
 * (`GRANT CONNECT ON DATABASE <db> TO alice`, docs/analytics.md). A migrating user that may not change
 * the database's rights (neither owner nor superuser) skips it with a warning. On PGlite it is a
 * no-op in effect: nobody else connects. Frozen once shipped.
 */
export const databaseConnectMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`do $$
      begin
        execute format('revoke connect on database %I from public', current_database());
        execute format('grant connect on database %I to %I', current_database(), current_user);
      exception
        when insufficient_privilege then
          raise warning 'pushpull: cannot revoke CONNECT on database % from PUBLIC; see docs/analytics.md',
            current_database();
      end
    $$`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await sql`do $$
      begin
        execute format('grant connect on database %I to public', current_database());
      end
    $$`.execute(db);
  },
};
