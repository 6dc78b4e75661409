import { requireServices } from '@pushpull/testkit';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAnalyticsContract } from './analytics-contract';
import { ANALYST_ROLE } from './migrations/0002-analytics';
import { openStore, type Store } from './open-store';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

const env = requireServices('analytics views and the analyst role on Postgres', ['DATABASE_URL']);

describe.skipIf(!env)('analytics on Postgres', () => {
  const baseUrl = env?.DATABASE_URL ?? '';

  describeAnalyticsContract('Postgres', async () => {
    const scratch = await createScratchDatabase(baseUrl);
    const store = await openStore({ databaseUrl: scratch.url, dataDir: '/nonexistent', poolSize: 4 });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await scratch.drop();
      },
    };
  });

  describe('the pushpull_analyst role', { timeout: 120_000 }, () => {
    let scratch: ScratchDatabase;
    let store: Store;
    const login = `pushpull_t_analyst_${process.pid}_${Date.now().toString(36)}`;
    const password = `pw-${Math.random().toString(36).slice(2)}`;
    let analyst: pg.Client;

    beforeAll(async () => {
      scratch = await createScratchDatabase(baseUrl);
      store = await openStore({ databaseUrl: scratch.url, dataDir: '/nonexistent', poolSize: 2 });
      // What an admin does (docs/analytics.md): a login that is a member of the analyst role.
      await sql
        .raw(`create role ${login} login password '${password}' in role ${ANALYST_ROLE}`)
        .execute(store.db);
      const url = new URL(scratch.url);
      url.username = login;
      url.password = password;
      analyst = new pg.Client({ connectionString: url.toString() });
      await analyst.connect();
    }, 120_000);

    afterAll(async () => {
      await analyst?.end().catch(() => {});
      await store?.close();
      await scratch?.drop();
      const admin = new pg.Client({ connectionString: baseUrl });
      await admin.connect();
      try {
        await admin.query(`drop role if exists ${login}`);
      } finally {
        await admin.end();
      }
    }, 120_000);

    it('exists without a login of its own', async () => {
      const role = await sql<{ rolcanlogin: boolean }>`
        select rolcanlogin from pg_roles where rolname = ${ANALYST_ROLE}`.execute(store.db);
      expect(role.rows).toEqual([{ rolcanlogin: false }]);
    });

    it('reads every analytics view', async () => {
      const views = await sql<{ table_name: string }>`
        select table_name from information_schema.views where table_schema = 'analytics'
        order by table_name`.execute(store.db);
      expect(views.rows.map((v) => v.table_name)).toEqual([
        'balance',
        'balance_by_source',
        'leader_profile',
        'manager_pulls',
        'person',
        'setting',
      ]);
      for (const { table_name } of views.rows) {
        const result = await analyst.query(`select * from analytics.${table_name} limit 1`);
        expect(result.fields.length, table_name).toBeGreaterThan(1);
      }
    });

    it('is refused every raw table, and may not create any', async () => {
      const tables = await sql<{ schemaname: string; tablename: string }>`
        select schemaname, tablename from pg_tables where schemaname not in ('pg_catalog', 'information_schema')
        order by 1, 2`.execute(store.db);
      expect(tables.rows.map((t) => t.tablename)).toEqual(
        expect.arrayContaining([
          'labeled_fact',
          'edge_fact',
          'rollup_daily',
          'org_person',
          'app_user',
          'metric_setting',
        ]),
      );
      for (const { schemaname, tablename } of tables.rows) {
        const err = await analyst
          .query(`select * from "${schemaname}"."${tablename}" limit 1`)
          .catch((e) => e);
        expect(err, `${schemaname}.${tablename}`).toBeInstanceOf(Error);
        expect((err as { code?: string }).code, `${schemaname}.${tablename}`).toBe('42501');
      }
      const create = await analyst.query('create table public.mine (a int)').catch((e) => e);
      expect((create as { code?: string }).code).toBe('42501');
      const createView = await analyst.query('create view analytics.mine as select 1').catch((e) => e);
      expect((createView as { code?: string }).code).toBe('42501');
    });
  });
});
