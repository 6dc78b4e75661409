import {
  ANALYST_ROLE,
  HR_ROLE,
  openStore,
  PSEUDONYM_PATTERN,
  pseudonymiser,
  recordLabeledBatch,
  replaceOrgChart,
  type Store,
} from '@pushpull/store';
import {
  ANALYTICS_VIEW_NAMES,
  createScratchDatabase,
  orgPerson,
  type ScratchDatabase,
  testEdge,
  testFacts,
} from '@pushpull/store/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Findings 5 and 18 of issue 14, replayed as the analyst of a real Postgres database:
// - 5: `analytics.person` held names and emails, and `person_id` was 'p:' || email, so every view
//   named the people it described.
// - 18: the catalogs showed any login the row counts and sizes of the raw tables it may not read
//   (`pg_class.reltuples`, `pg_stat_user_tables`, `pg_relation_size`).
// And the decision of the issue: names only in `analytics_identified`, for `pushpull_hr`, every read audited.

const baseUrl = process.env.DATABASE_URL;

const ORG = [
  orgPerson('ceo@acme.example', null, { name: 'Carla Ceo', title: 'Chief Executive', department: 'Board' }),
  orgPerson('lead@acme.example', 'ceo@acme.example', { name: 'Lena Lead', title: 'Head', department: 'R&D' }),
  ...[1, 2, 3, 4, 5, 6].map((i) =>
    orgPerson(`dev${i}@acme.example`, 'lead@acme.example', { name: `Dev Number${i}`, department: 'R&D' }),
  ),
];
const NAMES = ORG.flatMap((p) => [p.email, p.name ?? '', `p:${p.email}`]).filter((s) => s.length > 0);

describe.skipIf(!baseUrl)('findings 5 and 18: what an analyst login reads', { timeout: 120_000 }, () => {
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const analystLogin = `pushpull_t_sec_pa_${suffix}`;
  const hrLogin = `pushpull_t_sec_hr_${suffix}`;
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  let scratch: ScratchDatabase;
  let store: Store;
  let analyst: pg.Client;
  let hr: pg.Client;

  async function onServer(statement: string): Promise<void> {
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.end();
    }
  }
  async function connectAs(login: string): Promise<pg.Client> {
    const u = new URL(scratch.url);
    u.username = login;
    u.password = password;
    const client = new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: 5000 });
    await client.connect();
    return client;
  }
  const code = async (client: pg.Client, query: string) =>
    ((await client.query(query).catch((e) => e)) as { code?: string }).code;

  beforeAll(async () => {
    scratch = await createScratchDatabase(baseUrl ?? '');
    store = await openStore({ databaseUrl: scratch.url, dataDir: '/nonexistent', poolSize: 2 });
    await replaceOrgChart(store.db, ORG);
    const facts = [1, 2, 3, 4, 5, 6].flatMap((i) =>
      testFacts(6, `p:dev${i}@acme.example`, '2026-07-06T09:00:00Z', 'push', [
        testEdge('up', 'p:lead@acme.example', 1),
      ]),
    );
    facts.push(
      ...testFacts(8, 'p:lead@acme.example', '2026-07-07T09:00:00Z', 'pull', [
        testEdge('down', 'p:dev1@acme.example', 1),
      ]),
    );
    await recordLabeledBatch(store.db, { groupId: 'test', facts, offsets: [] });
    const db = new URL(scratch.url).pathname.slice(1);
    for (const [login, role] of [
      [analystLogin, ANALYST_ROLE],
      [hrLogin, HR_ROLE],
    ] as const) {
      await onServer(`create role ${login} login password '${password}' in role ${role}`);
      await onServer(`grant connect on database "${db}" to ${login}`);
    }
    analyst = await connectAs(analystLogin);
    hr = await connectAs(hrLogin);
  }, 120_000);

  afterAll(async () => {
    await analyst?.end().catch(() => {});
    await hr?.end().catch(() => {});
    await store?.close();
    await scratch?.drop();
    for (const login of [analystLogin, hrLogin])
      await onServer(`drop role if exists ${login}`).catch(() => {});
  }, 120_000);

  it('no analytics view holds a name, an email or an email-based id: person ids are keyed pseudonyms', async () => {
    const views = await analyst.query(
      `select table_name from information_schema.views where table_schema = 'analytics' order by 1`,
    );
    expect(views.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining([...ANALYTICS_VIEW_NAMES]));
    let rowsSeen = 0;
    for (const { table_name: view } of views.rows) {
      const { rows, fields } = await analyst.query(`select * from analytics.${view}`);
      rowsSeen += rows.length;
      expect(
        fields.map((f) => f.name),
        view,
      ).not.toEqual(expect.arrayContaining(['name']));
      expect(
        fields.map((f) => f.name),
        view,
      ).not.toEqual(expect.arrayContaining(['email']));
      const text = JSON.stringify(rows);
      for (const named of NAMES) expect(text.includes(named), `${view} holds ${named}`).toBe(false);
      for (const row of rows) {
        for (const column of ['person_id', 'manager_person_id']) {
          if (row[column] != null) expect(row[column], `${view}.${column}`).toMatch(PSEUDONYM_PATTERN);
        }
      }
    }
    expect(rowsSeen).toBeGreaterThan(20);
    // the pseudonym is the dashboard's (pseudonymOf under the installation key), not a hash anyone can redo
    const alias = await pseudonymiser(store.db);
    const person = await analyst.query(
      `select person_id, manager_person_id, title, department, level, is_leader,
      direct_reports from analytics.person where person_id = $1`,
      [alias('p:lead@acme.example')],
    );
    expect(person.rows).toEqual([
      {
        person_id: alias('p:lead@acme.example'),
        manager_person_id: alias('p:ceo@acme.example'),
        title: 'Head',
        department: 'R&D',
        level: 1,
        is_leader: true,
        direct_reports: 6,
      },
    ]);
  });

  it('the analyst may not read the identified schema nor the functions behind it', async () => {
    expect(await code(analyst, 'select * from analytics_identified.person')).toBe('42501');
    expect(await code(analyst, 'select * from analytics_internal.identified_person()')).toBe('42501');
    expect(await code(analyst, 'select * from analytics_internal.person_identified')).toBe('42501');
    expect(await code(analyst, 'select * from analytics_internal.pseudonym_pad')).toBe('42501');
  });

  it('pushpull_hr reads names through analytics_identified, and every read is an audit row naming the login', async () => {
    const audits = async () =>
      (
        await store.db
          .selectFrom('audit_log')
          .select(['actor', 'action', 'subject_hash', 'detail'])
          .where('action', '=', 'analytics_identified.read')
          .execute()
      ).filter((r) => r.actor === `sql:${hrLogin}`);
    expect(await audits()).toHaveLength(0);
    const { rows } = await hr.query(
      `select i.name, i.email, p.title, p.level from analytics.person p
       join analytics_identified.person i using (person_id) order by i.email`,
    );
    expect(rows).toHaveLength(ORG.length);
    expect(rows.find((r) => r.email === 'lead@acme.example')).toEqual({
      name: 'Lena Lead',
      email: 'lead@acme.example',
      title: 'Head',
      level: 1,
    });
    await hr.query('select count(*) from analytics_identified.person');
    const logged = await audits();
    expect(logged).toHaveLength(2);
    expect(logged[0]?.detail).toEqual({ view: 'analytics_identified.person', rows: ORG.length });
    expect(JSON.stringify(logged)).not.toMatch(/acme\.example|Lena/);
    // HR reads no raw table either
    expect(await code(hr, 'select * from org_person')).toBe('42501');
    expect(await code(hr, 'select * from audit_log')).toBe('42501');
  });

  it("the analyst learns no raw table's row count or size from the catalogs", async () => {
    for (const query of [
      `select reltuples from pg_catalog.pg_class where relname = 'labeled_fact'`,
      `select relpages from pg_catalog.pg_class where relname = 'labeled_fact'`,
      `select n_live_tup from pg_catalog.pg_stat_user_tables where relname = 'labeled_fact'`,
      `select n_tup_ins from pg_catalog.pg_stat_all_tables where relname = 'labeled_fact'`,
      `select pg_catalog.pg_stat_get_live_tuples('public.labeled_fact'::regclass)`,
      `select pg_catalog.pg_relation_size('public.labeled_fact')`,
      `select pg_catalog.pg_total_relation_size('public.labeled_fact')`,
    ]) {
      expect(await code(analyst, query), query).toBe('42501');
    }
    // what tools need to list the schema still works
    const listed = await analyst.query(
      `select c.relname, c.relkind from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'analytics' order by 1`,
    );
    expect(listed.rows.map((r) => r.relname)).toContain('leader_profile');
    // the pushpull services (the migrating user) keep them
    const own = await store.db
      .selectFrom('pg_catalog.pg_class' as never)
      .select('reltuples' as never)
      .where('relname' as never, '=', 'labeled_fact' as never)
      .execute();
    expect(own).toHaveLength(1);
  });
});
