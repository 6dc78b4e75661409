import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Classifier state that must survive a restart exactly: the kind of a remembered ask (a pull, or a
 * directive whose fulfilment is responsive), and the identities whose accounts point to different
 * people (listed for an admin by `pushpull org identities`, never guessed).
 */
export const classifierStateMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('conversation_pull')
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('pull'))
      .execute();
    await sql`alter table conversation_pull add constraint conversation_pull_kind_check check (kind in ('pull', 'directive'))`.execute(
      db,
    );
    await db.schema
      .createTable('identity_conflict')
      .addColumn('identity_key', 'text', (c) => c.primaryKey())
      .addColumn('identity', 'jsonb', (c) => c.notNull())
      .addColumn('person_ids', 'jsonb', (c) => c.notNull())
      .addColumn('events', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('first_seen', 'timestamptz', (c) => c.notNull())
      .addColumn('last_seen', 'timestamptz', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('identity_conflict').ifExists().execute();
    await db.schema.alterTable('conversation_pull').dropColumn('kind').execute();
  },
};
