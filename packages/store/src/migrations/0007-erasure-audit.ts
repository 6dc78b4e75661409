import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Erasure, retention and their audit trail (issue 14 point 3):
 * - `suppression`: the accounts of erased people, each as a keyed hash (HMAC-SHA256 under the
 *   installation key) of its normalised key (`email:lea@acme.io`, `gh:lea`, …), never the address; the
 *   connectors and `ingest` drop events that involve one. `subject_hash` groups the accounts of one
 *   erasure (the keyed hash of the erased address, as in the audit row).
 * - `audit_log`: who did what when (`person.erase`, `retention.run`); the subject only as that hash,
 *   and `detail` holds counts and dates, never names, addresses or text.
 * Frozen once shipped.
 */
export const erasureAuditMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('suppression')
      .addColumn('account_hash', 'text', (c) => c.primaryKey())
      .addColumn('subject_hash', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addCheckConstraint('suppression_account_hash_check', sql`account_hash ~ '^[0-9a-f]{64}$'`)
      .addCheckConstraint('suppression_subject_hash_check', sql`subject_hash ~ '^[0-9a-f]{64}$'`)
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject_hash', 'text')
      .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addCheckConstraint(
        'audit_log_subject_hash_check',
        sql`subject_hash is null or subject_hash ~ '^[0-9a-f]{64}$'`,
      )
      .execute();
    await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('audit_log').ifExists().execute();
    await db.schema.dropTable('suppression').ifExists().execute();
  },
};
