import { median } from '@pushpull/metrics';
import { simulateOrganisation } from '@pushpull/simulator';
import { ANALYST_ROLE, HR_ROLE } from '@pushpull/store';
import {
  ANALYTICS_VIEW_NAMES,
  dictionaryExamples,
  expectExamplesAnswer,
  loginInRole,
} from '@pushpull/store/testing';
import { requireServices } from '@pushpull/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestedSimulation, ingestSimulation, lastQuarter } from '../support/ingest-simulation';

const env = requireServices('analytics views on a simulated organisation in Postgres', ['DATABASE_URL']);

/** A full last quarter of a mid-sized organisation, so the quarter views of the dictionary have data. */
const SIM = { seed: 11, people: 120, ...lastQuarter(new Date()) };

describe.skipIf(!env)('analytics on a simulated organisation (Postgres)', { timeout: 900_000 }, () => {
  const sim = simulateOrganisation(SIM);
  let db: IngestedSimulation;
  let admin: pg.Client;
  let analyst: pg.Client;
  let hr: pg.Client;
  const login = `pushpull_t_analyst_${process.pid}_${Date.now().toString(36)}`;
  const hrLogin = `pushpull_t_hr_${process.pid}_${Date.now().toString(36)}`;

  beforeAll(async () => {
    db = await ingestSimulation(env!.DATABASE_URL, sim);
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const password = `pw-${Math.random().toString(36).slice(2)}`;
    // Since migration 0006 a database admits only the logins granted CONNECT (docs/analytics.md).
    const asAdmin = (statement: string) => admin.query(statement);
    analyst = await loginInRole(asAdmin, db.url, login, password, ANALYST_ROLE);
    // HR reads names (docs/analytics.md): the tests below match people to the simulator's truth by email.
    hr = await loginInRole(asAdmin, db.url, hrLogin, password, HR_ROLE);
  }, 900_000);

  afterAll(async () => {
    await analyst?.end().catch(() => {});
    await hr?.end().catch(() => {});
    for (const role of [login, hrLogin]) {
      await admin
        ?.query(`revoke all on database "${new URL(db.url).pathname.slice(1)}" from ${role}`)
        .catch(() => {});
      await admin?.query(`drop role if exists ${role}`).catch(() => {});
    }
    await admin?.end().catch(() => {});
    await db?.drop();
  }, 120_000);

  it('stored every simulated event', async () => {
    const { rows } = await admin.query('select count(*)::integer as n from labeled_fact');
    expect(rows[0].n).toBe(sim.events.length);
  });

  it('answers every example query of the data dictionary as pushpull_analyst', async () => {
    const queries = dictionaryExamples();
    expect(queries.length).toBeGreaterThanOrEqual(5);
    await expectExamplesAnswer(analyst, queries);
  });

  it('lets pushpull_analyst read the views and refuses every raw table', async () => {
    for (const view of ANALYTICS_VIEW_NAMES) {
      const r = await analyst.query(`select count(*)::integer as n from analytics.${view}`);
      expect(r.rows[0].n, view).toBeGreaterThan(0);
    }
    const tables = await admin.query(
      `select schemaname, tablename from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`,
    );
    expect(tables.rows.length).toBeGreaterThanOrEqual(10);
    for (const t of tables.rows) {
      const err = await analyst
        .query(`select 1 from "${t.schemaname}"."${t.tablename}" limit 1`)
        .catch((e) => e);
      expect((err as { code?: string }).code, `${t.schemaname}.${t.tablename}`).toBe('42501');
    }
  });

  /** Quarter figures of every leader, grouped by the simulator's archetype (logged for the record). */
  async function archetypeSummary() {
    const { rows } = await hr.query(
      `select p.email, lp.upward_proactivity, lp.downward_pull_share, lp.push_only
       from analytics.leader_profile lp join analytics_identified.person p using (person_id)
       where lp.period_kind = 'quarter' and lp.period_start = $1::date`,
      [SIM.start],
    );
    const of = (archetype: string) => rows.filter((r) => sim.truth.leaders[r.email]?.archetype === archetype);
    const med = (archetype: string, key: 'upward_proactivity' | 'downward_pull_share') =>
      median(of(archetype).flatMap((r) => (r[key] === null ? [] : [r[key] as number])));
    const summary = ['directive', 'coach', 'passive', 'balanced'].map((archetype) => ({
      archetype,
      leaders: of(archetype).length,
      downwardPullShare: med(archetype, 'downward_pull_share'),
      upwardProactivity: med(archetype, 'upward_proactivity'),
      pushOnly: of(archetype).filter((r) => r.push_only).length,
    }));
    const get = (a: string) => summary.find((s) => s.archetype === a) as (typeof summary)[number];
    return { summary, get };
  }

  it("separates the simulated leaders' archetypes", async () => {
    const { summary, get } = await archetypeSummary();
    process.stderr.write(`archetypes (${SIM.people} people, ${SIM.days} days): ${JSON.stringify(summary)}\n`);
    for (const s of summary) expect(s.leaders, s.archetype).toBeGreaterThanOrEqual(2);
    // Coaches ask their teams more than balanced leaders, who ask more than directive ones (medians).
    expect(get('coach').downwardPullShare).toBeGreaterThan(get('balanced').downwardPullShare as number);
    expect(get('balanced').downwardPullShare).toBeGreaterThan(get('directive').downwardPullShare as number);
    // Passive leaders push up on their own least.
    for (const a of ['directive', 'coach', 'balanced']) {
      expect(get('passive').upwardProactivity, a).toBeLessThan(get(a).upwardProactivity as number);
    }
    // ...and their managers have to pull them most (pulls received from the manager, median per archetype).
    const pulled = await hr.query(
      `select p.email, mp.pulls_received, mp.answered from analytics.manager_pulls mp
       join analytics_identified.person p using (person_id)
       where mp.period_kind = 'quarter' and mp.period_start = $1::date`,
      [SIM.start],
    );
    const pulls = (a: string) =>
      median(
        pulled.rows.filter((r) => sim.truth.leaders[r.email]?.archetype === a).map((r) => r.pulls_received),
      );
    for (const a of ['directive', 'coach', 'balanced'])
      expect(pulls('passive'), a).toBeGreaterThan(pulls(a) as number);
    expect(pulled.rows.reduce((n, r) => n + r.answered, 0)).toBeGreaterThan(0); // answers are linked (respondsTo)
    // The push-only flag marks directive leaders and almost nobody else. Not every one of them: a
    // directive leader with passive reports has to pull those daily, so their downward push share
    // drops below 0.9 — by the flag's own definition they are not push-only.
    expect(get('directive').pushOnly / get('directive').leaders).toBeGreaterThanOrEqual(0.5);
    const others = summary.filter((s) => s.archetype !== 'directive');
    expect(others.reduce((n, s) => n + s.pushOnly, 0)).toBeLessThanOrEqual(1);
  });

  it('stores no simulated message text in any table (subjects and bodies)', async () => {
    const texts = new Set<string>();
    for (const e of sim.events) {
      for (const t of [e.text, e.subject]) if (t && t.trim().length >= 4) texts.add(t.trim());
    }
    expect(texts.size).toBeGreaterThan(1000);
    const WINDOW = 24;
    const windows = new Set<string>();
    const shortTexts = new Set<string>();
    for (const t of texts) {
      if (t.length >= WINDOW) windows.add(t.slice(0, WINDOW));
      else shortTexts.add(t);
    }
    const columns = await admin.query(
      `select table_schema, table_name, column_name from information_schema.columns
       where table_schema not in ('pg_catalog', 'information_schema')
         and data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
       order by 1, 2, 3`,
    );
    expect(columns.rows.length).toBeGreaterThan(20);
    /** Every stored value that holds a simulated text (its first 24 characters, or all of a short one). */
    const leaks = async () => {
      const found: string[] = [];
      for (const c of columns.rows) {
        const values = await admin.query({
          text: `select distinct "${c.column_name}"::text as v from "${c.table_schema}"."${c.table_name}" where "${c.column_name}" is not null`,
          rowMode: 'array',
        });
        for (const [v] of values.rows as [string][]) {
          if (shortTexts.has(v.trim())) found.push(`${c.table_name}.${c.column_name}`);
          for (let i = 0; i + WINDOW <= v.length; i++) {
            if (windows.has(v.slice(i, i + WINDOW))) {
              found.push(`${c.table_name}.${c.column_name}`);
              break;
            }
          }
        }
      }
      return found;
    };
    // One scan with one text planted: it finds that one (the scan works) and no other (none is stored).
    const planted = [...windows][0] as string;
    await admin.query(`insert into setting (key, value) values ('privacy-probe', $1)`, [`x ${planted}…`]);
    try {
      expect(await leaks()).toEqual(['setting.value']);
    } finally {
      await admin.query(`delete from setting where key = 'privacy-probe'`);
    }
  });
});
