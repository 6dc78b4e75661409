import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The classifier's conversation trails (what it knows of each conversation's course: events seen, opener,
 * authors, the latest event; no text), kept beside the pulls so that a label does not depend on whether
 * the classifier restarted or a partition moved to another process. `trail` is the state after the batch
 * that last wrote the row, `before` the state before it (a retried batch resumes from it); `partition`,
 * `first_offset` and `last_offset` place that batch on the raw topic. `person_keys` are the identity keys
 * the two states name (an erasure deletes by them); `last_at` is the latest event's time (retention).
 * Frozen once shipped.
 */
export const conversationTrailMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('conversation_trail')
      .addColumn('conversation_id', 'text', (c) => c.primaryKey())
      .addColumn('trail', 'jsonb', (c) => c.notNull())
      .addColumn('before', 'jsonb')
      .addColumn('partition', 'integer', (c) => c.notNull())
      .addColumn('first_offset', 'bigint', (c) => c.notNull())
      .addColumn('last_offset', 'bigint', (c) => c.notNull())
      .addColumn('person_keys', sql`text[]`, (c) => c.notNull())
      .addColumn('last_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('conversation_trail_last_at')
      .on('conversation_trail')
      .column('last_at')
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('conversation_trail').ifExists().execute();
  },
};
