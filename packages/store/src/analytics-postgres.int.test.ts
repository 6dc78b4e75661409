import { labelCorrection } from '@pushpull/metrics';
import { requireServices } from '@pushpull/testkit';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLabelCorrections } from './label-correction-repository';
import { ANALYST_ROLE } from './migrations/0002-analytics';
import { openStore, type Store } from './open-store';
import { replaceOrgChart } from './org-repository';
import { pseudonymiser } from './pseudonym';
import { describeAnalyticsContract } from './testing/analytics-contract';
import { ANALYTICS_VIEW_NAMES } from './testing/analytics-view-names';
import {
  type DictionaryExample,
  dictionaryExamples,
  expectExamplesAnswer,
} from './testing/dictionary-examples';
import { loginInRole } from './testing/login-in-role';
import { postgresStores } from './testing/make-store';
import { createScratchDatabase, type ScratchDatabase } from './testing/scratch-database';

/** The example queries of docs/analytics.md that show corrected figures or intervals, with their columns. */
function intervalExamples(): DictionaryExample[] {
  return dictionaryExamples().filter((q) => /_(low|high|corrected)\b/.test(q.sql));
}

/** A day in the middle of the calendar quarter before today's (what the examples call "last quarter"). */
function dayOfLastQuarter(now: Date): string {
  const q = Math.floor(now.getUTCMonth() / 3);
  return new Date(Date.UTC(now.getUTCFullYear(), (q - 1) * 3 + 1, 15)).toISOString().slice(0, 10);
}

/** A leader with four reports, active last quarter in every direction on two sources, corrections stored. */
async function fillLastQuarter(store: Store): Promise<void> {
  const person = (n: string, manager: string | null) => ({
    email: `${n}@acme.io`,
    name: n,
    managerEmail: manager ? `${manager}@acme.io` : null,
    title: null,
    department: 'R&D',
    githubLogin: null,
    slackId: null,
    validFrom: null,
  });
  await replaceOrgChart(store.db, [
    person('lea', null),
    ...['r1', 'r2', 'r3', 'r4'].map((r) => person(r, 'lea')),
  ]);
  const day = dayOfLastQuarter(new Date());
  const rows: {
    person_id: string;
    direction: string;
    mode: string;
    initiative: string;
    source: string;
    events: number;
  }[] = [];
  for (const source of ['slack', 'outlook']) {
    for (const [direction, push, pull] of [
      ['down', 70, 90],
      ['up', 120, 20],
      ['external', 60, 25],
      ['peer', 30, 30],
    ] as const) {
      rows.push(
        {
          person_id: 'p:lea@acme.io',
          direction,
          mode: 'push',
          initiative: 'proactive',
          source,
          events: push / 2,
        },
        {
          person_id: 'p:lea@acme.io',
          direction,
          mode: 'push',
          initiative: 'responsive',
          source,
          events: push / 2,
        },
        { person_id: 'p:lea@acme.io', direction, mode: 'pull', initiative: '', source, events: pull },
        { person_id: 'p:lea@acme.io', direction, mode: 'neutral', initiative: '', source, events: 10 },
      );
    }
    for (const r of ['r1', 'r2', 'r3', 'r4']) {
      rows.push(
        {
          person_id: `p:${r}@acme.io`,
          direction: 'up',
          mode: 'push',
          initiative: 'proactive',
          source,
          events: 150,
        },
        {
          person_id: `p:${r}@acme.io`,
          direction: 'up',
          mode: 'push',
          initiative: 'responsive',
          source,
          events: 60,
        },
      );
    }
  }
  await store.db
    .insertInto('rollup_daily')
    .values(rows.map((r) => ({ ...r, day })))
    .execute();
  const mode = labelCorrection({
    labels: ['push', 'pull', 'neutral'],
    counts: [
      [180, 15, 10],
      [12, 170, 5],
      [10, 6, 90],
    ],
  });
  const initiative = labelCorrection({
    labels: ['responsive', 'proactive'],
    counts: [
      [150, 20],
      [18, 160],
    ],
  });
  await writeLabelCorrections(store.db, '9.0.0', { slack: { mode, initiative } });
}

const env = requireServices('analytics views and the analyst role on Postgres', ['DATABASE_URL']);

describe.skipIf(!env)('analytics on Postgres', () => {
  const baseUrl = env?.DATABASE_URL ?? '';

  describeAnalyticsContract('Postgres', postgresStores(baseUrl));

  describe('the pushpull_analyst role', { timeout: 120_000 }, () => {
    let scratch: ScratchDatabase;
    let store: Store;
    const login = `pushpull_t_analyst_${process.pid}_${Date.now().toString(36)}`;
    const password = `pw-${Math.random().toString(36).slice(2)}`;
    let analyst: pg.Client;

    beforeAll(async () => {
      scratch = await createScratchDatabase(baseUrl);
      store = await openStore({ databaseUrl: scratch.url, dataDir: '/nonexistent', poolSize: 2 });
      await fillLastQuarter(store);
      // What an admin does (docs/analytics.md): a login that is a member of the analyst role, let into
      // this database (since 0006 nobody else may connect to it).
      analyst = await loginInRole(
        (statement) => sql.raw(statement).execute(store.db),
        scratch.url,
        login,
        password,
        ANALYST_ROLE,
      );
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
      expect(views.rows.map((v) => v.table_name)).toEqual([...ANALYTICS_VIEW_NAMES]);
      for (const { table_name } of views.rows) {
        const result = await analyst.query(`select * from analytics.${table_name} limit 1`);
        expect(result.fields.length, table_name).toBeGreaterThan(1);
      }
    });

    it("answers the data dictionary's examples of corrected figures and intervals", async () => {
      const examples = intervalExamples();
      expect(examples.length).toBeGreaterThanOrEqual(2);
      await expectExamplesAnswer(analyst, examples);
      // The figures are there, not only rows: lea's downward pull share, corrected, with its interval.
      const lea = await analyst.query(
        `select downward_pull_share, downward_pull_share_corrected as corrected,
                downward_pull_share_low as low, downward_pull_share_high as high
         from analytics.leader_profile where person_id = $1 and period_kind = 'quarter'`,
        [(await pseudonymiser(store.db))('p:lea@acme.io')],
      );
      expect(lea.rows).toHaveLength(1);
      const { downward_pull_share: raw, corrected, low, high } = lea.rows[0];
      expect(raw).toBeCloseTo(180 / 320, 12);
      expect(low).toBeLessThanOrEqual(corrected);
      expect(corrected).toBeLessThanOrEqual(high);
      expect(high - low).toBeLessThanOrEqual(0.3);
    });

    it("runs without Postgres' JIT, which compiles the views' arithmetic for seconds (migration 0010)", async () => {
      expect((await analyst.query('show jit')).rows).toEqual([{ jit: 'off' }]);
      expect((await sql<{ jit: string }>`show jit`.execute(store.db)).rows).toEqual([{ jit: 'off' }]);
    });

    it('is refused the schema analytics_internal behind the views', async () => {
      for (const view of ['estimate', 'source_estimate', 'source_counts', 'correction']) {
        const err = await analyst.query(`select * from analytics_internal.${view} limit 1`).catch((e) => e);
        expect((err as { code?: string }).code, view).toBe('42501');
      }
      // The org history function (read through analytics.person, with its owner's rights) is out of reach.
      const org = await analyst
        .query(`select * from analytics_internal.org_as_of('2020-01-01')`)
        .catch((e) => e);
      expect((org as { code?: string }).code).toBe('42501');
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
          'label_correction',
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
