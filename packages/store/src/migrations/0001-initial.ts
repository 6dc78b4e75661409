import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The initial schema (mirrored by ../schema.ts). No table has a column for message text: facts
 * keep labels, reasons, metadata and permalinks only.
 */
export const initialMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('org_person')
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('valid_from', 'date', (c) => c.notNull().defaultTo(sql`'0001-01-01'`))
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('manager_email', 'text')
      .addColumn('title', 'text')
      .addColumn('department', 'text')
      .addColumn('github_login', 'text')
      .addColumn('slack_id', 'text')
      .addPrimaryKeyConstraint('org_person_pk', ['email', 'valid_from'])
      .execute();
    await db.schema.createIndex('org_person_manager_idx').on('org_person').column('manager_email').execute();
    await db.schema.createIndex('org_person_person_idx').on('org_person').column('person_id').execute();

    await db.schema
      .createTable('account')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('provenance', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('account_pk', ['kind', 'value'])
      .execute();
    await db.schema.createIndex('account_person_idx').on('account').column('person_id').execute();

    await db.schema
      .createTable('labeled_fact')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('type', 'text')
      .addColumn('actor_person_id', 'text')
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('initiative', 'text')
      .addColumn('confidence', 'double precision', (c) => c.notNull())
      .addColumn('reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('classifier_version', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('inserted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('labeled_fact_mode_check', sql`mode in ('push', 'pull', 'neutral')`)
      .execute();
    await db.schema
      .createIndex('labeled_fact_actor_idx')
      .on('labeled_fact')
      .columns(['actor_person_id', 'occurred_at'])
      .execute();
    await db.schema
      .createIndex('labeled_fact_occurred_idx')
      .on('labeled_fact')
      .column('occurred_at')
      .execute();

    await db.schema
      .createTable('edge_fact')
      .addColumn('event_id', 'text', (c) =>
        c.notNull().references('labeled_fact.event_id').onDelete('cascade'),
      )
      .addColumn('edge_index', 'integer', (c) => c.notNull())
      .addColumn('target_person_id', 'text')
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('distance', 'integer')
      .addColumn('broadcast', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('audience_size', 'integer')
      .addPrimaryKeyConstraint('edge_fact_pk', ['event_id', 'edge_index'])
      .execute();
    await db.schema.createIndex('edge_fact_target_idx').on('edge_fact').column('target_person_id').execute();

    await db.schema
      .createTable('rollup_daily')
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('day', 'date', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('initiative', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('events', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('rollup_daily_pk', [
        'person_id',
        'day',
        'direction',
        'mode',
        'initiative',
        'source',
      ])
      .addCheckConstraint('rollup_daily_events_check', sql`events >= 0`)
      .execute();
    await db.schema.createIndex('rollup_daily_day_idx').on('rollup_daily').column('day').execute();

    await db.schema
      .createTable('consumer_offset')
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('partition', 'integer', (c) => c.notNull())
      .addColumn('next_offset', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('consumer_offset_pk', ['group_id', 'topic', 'partition'])
      .addCheckConstraint('consumer_offset_partition_check', sql`partition >= 0`)
      .addCheckConstraint('consumer_offset_next_offset_check', sql`next_offset ~ '^[0-9]+$'`)
      .execute();

    await db.schema
      .createTable('app_user')
      .addColumn('username', 'text', (c) => c.primaryKey())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('app_user_role_check', sql`role in ('admin', 'analyst', 'leader')`)
      .execute();

    await db.schema
      .createTable('setting')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();

    // The primary key leads with conversation_id, so it also serves lookups by conversation.
    await db.schema
      .createTable('conversation_pull')
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('puller_key', 'text', (c) => c.notNull())
      .addColumn('pulled_key', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('conversation_pull_pk', [
        'conversation_id',
        'puller_key',
        'pulled_key',
        'event_id',
      ])
      .execute();

    await db.schema
      .createTable('sync_cursor')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('cursor', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('sync_cursor_pk', ['source', 'scope'])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'sync_cursor',
      'conversation_pull',
      'setting',
      'app_user',
      'consumer_offset',
      'rollup_daily',
      'edge_fact',
      'labeled_fact',
      'account',
      'org_person',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
