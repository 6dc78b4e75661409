import { keyedHash } from '@pushpull/core';
import { addUser, ViewAuditLog } from '@pushpull/service-dashboard';
import {
  type FactInput,
  installationKey,
  listAudit,
  PSEUDONYM_PATTERN,
  pseudonymiser,
  recordLabeledBatch,
  replaceOrgChart,
  writeMetricSettings,
} from '@pushpull/store';
import { orgPerson, testEdge, testFacts } from '@pushpull/store/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basic, securityApp, securityStore } from './dashboard-fixture';

// Finding 1 of issue 14: analysts got every leader's name, email, counts and metrics from
// `/api/leaders` and `/report/leaders`; matching those figures against the pseudonymised `/api/overview`
// re-identified every pseudonym. Analysts now see pseudonyms only (the same ones everywhere, and the
// same as the analytics views' `person_id`), and every view of a named person is audited.

const MEMBERS = [1, 2, 3, 4, 5, 6];
/** Everyone in the chart, with names no JSON key or label of the dashboard contains. */
const PEOPLE = [
  { email: 'qvarga@acme.example', name: 'Quintessa Varga', manager: null },
  { email: 'bokonkwo@acme.example', name: 'Bartholomew Okonkwo', manager: 'qvarga@acme.example' },
  { email: 'pstroud@acme.example', name: 'Philippa Stroud', manager: 'qvarga@acme.example' },
  { email: 'lonely@acme.example', name: 'Ludovica Lonely', manager: 'pstroud@acme.example' },
  ...MEMBERS.map((n) => ({
    email: `yarrow${n}@acme.example`,
    name: `Yarrow Zebulon${n}`,
    manager: 'bokonkwo@acme.example',
  })),
];
const LEADERS = ['qvarga@acme.example', 'bokonkwo@acme.example', 'pstroud@acme.example'];
const pid = (email: string) => `p:${email}`;
const NOW = () => new Date('2026-12-07T12:00:00Z');
const PERIOD = '2026-Q3';

/** The names, addresses and person ids of everyone in the chart that occur in `body`. */
function identifiersIn(body: string): string[] {
  const lower = body.toLowerCase();
  return PEOPLE.flatMap((p) => [p.name, p.email, pid(p.email)]).filter((s) =>
    lower.includes(s.toLowerCase()),
  );
}

describe('finding 1: analysts see pseudonyms, named views are audited', () => {
  let fixture: Awaited<ReturnType<typeof securityStore>>;
  const ana = basic('ana', 'analyst-password');
  const root = basic('root', 'admin-password');
  const lea = basic('bart', 'leader-password');

  beforeAll(async () => {
    fixture = await securityStore();
    const { store } = fixture;
    await replaceOrgChart(
      store.db,
      PEOPLE.map((p) => orgPerson(p.email, p.manager, { name: p.name, department: 'Research' })),
    );
    await writeMetricSettings(store.db, { minVolume: 1, maxIntervalWidth: 1 });
    const facts: FactInput[] = [];
    for (const month of ['2026-07', '2026-08', '2026-09']) {
      const at = `${month}-05T09:00:00Z`;
      for (const n of MEMBERS) {
        facts.push(
          ...testFacts(n, pid(`yarrow${n}@acme.example`), at, 'push', [
            testEdge('up', pid('bokonkwo@acme.example'), 1),
          ]),
        );
      }
      facts.push(
        ...testFacts(
          3,
          pid('bokonkwo@acme.example'),
          at,
          'push',
          [testEdge('up', pid('qvarga@acme.example'), 1)],
          'proactive',
        ),
        ...testFacts(2, pid('bokonkwo@acme.example'), at, 'pull', [
          testEdge('down', pid('yarrow1@acme.example'), 1),
        ]),
        ...testFacts(
          4,
          pid('pstroud@acme.example'),
          at,
          'push',
          [testEdge('up', pid('qvarga@acme.example'), 1)],
          'responsive',
        ),
        ...testFacts(5, pid('qvarga@acme.example'), at, 'pull', [
          testEdge('down', pid('pstroud@acme.example'), 1),
        ]),
      );
    }
    await recordLabeledBatch(store.db, { groupId: 'security', offsets: [], facts });
    await addUser(store, { username: 'ana', password: 'analyst-password', role: 'analyst' });
    await addUser(store, { username: 'root', password: 'admin-password', role: 'admin' });
    await addUser(store, {
      username: 'bart',
      password: 'leader-password',
      role: 'leader',
      personEmail: 'bokonkwo@acme.example',
    });
  });
  afterAll(() => fixture.close());

  let audit: ViewAuditLog;
  let app: ReturnType<typeof securityApp>;
  beforeEach(() => {
    // no timer: rows are written by flush() (and close()), never in the middle of a test
    audit = new ViewAuditLog(fixture.store.db, { now: NOW, schedule: () => () => {} });
  });
  afterEach(() => audit.close());

  const get = async (path: string, headers: Record<string, string>) => {
    const res = await app.request(path, { headers });
    return { status: res.status, body: await res.text() };
  };

  /** Everything an analyst can read that once named people, each checked for names and addresses. */
  async function analystBodies(): Promise<Record<string, string>> {
    const bodies: Record<string, string> = {};
    for (const path of [
      `/api/leaders?period=${PERIOD}`,
      `/report/leaders?period=${PERIOD}`,
      `/api/overview?period=${PERIOD}`,
      `/api/teams?period=${PERIOD}`,
    ]) {
      const { status, body } = await get(path, ana);
      expect(status, path).toBe(200);
      bodies[path] = body;
    }
    const teams = JSON.parse(bodies[`/api/teams?period=${PERIOD}`] ?? '{}') as {
      teams: { leaderPersonId: string; open: boolean }[];
    };
    const open = teams.teams.filter((t) => t.open);
    expect(open).toHaveLength(1); // only the team of six reaches the minimum group size
    const team = await get(
      `/api/teams/${encodeURIComponent(open[0]?.leaderPersonId ?? '')}?period=${PERIOD}`,
      ana,
    );
    expect(team.status).toBe(200);
    bodies.team = team.body;
    return bodies;
  }

  it('as an analyst, no body names anyone, with or without the report cache', async () => {
    for (const reportCache of [false, {}] as const) {
      app = securityApp(fixture.store, { now: NOW, reportCache, viewAudit: audit });
      // an admin first, so that a cached answer with names would be there to leak
      for (const path of [`/api/leaders?period=${PERIOD}`, `/report/leaders?period=${PERIOD}`]) {
        expect(identifiersIn((await get(path, root)).body)).not.toEqual([]);
      }
      const bodies = await analystBodies();
      for (const [path, body] of Object.entries(bodies)) {
        expect(identifiersIn(body), `${path} (cache ${reportCache !== false})`).toEqual([]);
      }
      const leaders = JSON.parse(bodies[`/api/leaders?period=${PERIOD}`] ?? '[]') as {
        personId: string;
        name?: string | null;
        email?: string | null;
      }[];
      expect(leaders).toHaveLength(LEADERS.length);
      for (const l of leaders) {
        expect(l.personId).toMatch(PSEUDONYM_PATTERN);
        expect(l.name ?? null).toBeNull();
        expect(l.email ?? null).toBeNull();
      }
      // the same pseudonyms as the overview, from the one function the analytics views use too
      const overview = JSON.parse(bodies[`/api/overview?period=${PERIOD}`] ?? '{}') as {
        leaders: { id: string }[];
      };
      const alias = await pseudonymiser(fixture.store.db);
      const expected = LEADERS.map((e) => alias(pid(e))).sort();
      expect(leaders.map((l) => l.personId).sort()).toEqual(expected);
      expect(overview.leaders.map((l) => l.id).sort()).toEqual(expected);
      const team = JSON.parse(bodies.team ?? '{}') as { leader: { personId: string } };
      expect(team.leader.personId).toBe(alias(pid('bokonkwo@acme.example')));
    }
  });

  it('an analyst opening a team by address, or an unknown pseudonym, gets the small-team refusal', async () => {
    app = securityApp(fixture.store, { now: NOW, viewAudit: audit });
    const small = await get(`/api/teams/${encodeURIComponent(pid('pstroud@acme.example'))}`, ana);
    expect(small.status).toBe(403);
    const alias = await pseudonymiser(fixture.store.db);
    expect(await get(`/api/teams/${alias(pid('pstroud@acme.example'))}`, ana)).toEqual(small);
    expect(await get('/api/teams/pp-000000000000', ana)).toEqual(small);
    expect(await get(`/api/teams/${encodeURIComponent(pid('bokonkwo@acme.example'))}`, ana)).toEqual(small);
  });

  it('one admin view of a leader page writes one audit row with the subject hash and no address', async () => {
    app = securityApp(fixture.store, { now: NOW, viewAudit: audit });
    const before = (await listAudit(fixture.store.db)).length;
    await analystBodies(); // analysts see nobody by name: nothing to audit
    await audit.flush();
    expect((await listAudit(fixture.store.db)).length).toBe(before);

    const page = await get(
      `/api/leaders/${encodeURIComponent(pid('bokonkwo@acme.example'))}?period=${PERIOD}`,
      root,
    );
    expect(page.status).toBe(200);
    await audit.flush();
    const rows = (await listAudit(fixture.store.db)).slice(before);
    expect(rows).toHaveLength(1);
    const subject = keyedHash(await installationKey(fixture.store.db), 'email:bokonkwo@acme.example');
    expect(rows[0]).toMatchObject({
      actor: 'dashboard:root',
      action: 'dashboard.view',
      subjectHash: subject,
      detail: { route: '/api/leaders/:personId', period: PERIOD, people: 1 },
    });
    expect(identifiersIn(JSON.stringify(rows))).toEqual([]);
    expect(JSON.stringify(rows)).not.toContain('@');

    // a leader's own page is audited too; a list view by an admin has no subject
    expect(
      (await get(`/api/leaders/${encodeURIComponent(pid('bokonkwo@acme.example'))}?period=${PERIOD}`, lea))
        .status,
    ).toBe(200);
    expect((await get(`/api/leaders?period=${PERIOD}`, root)).status).toBe(200);
    await audit.flush();
    const more = (await listAudit(fixture.store.db)).slice(before + 1);
    expect(more.map((r) => [r.actor, r.subjectHash, r.detail.route, r.detail.people])).toEqual([
      ['dashboard:bart', subject, '/api/leaders/:personId', 1],
      ['dashboard:root', null, '/api/leaders', LEADERS.length],
    ]);
  });
});
