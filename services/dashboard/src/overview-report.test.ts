import { intervalsOverlap, isRated, leaderEstimates } from '@pushpull/metrics';
import { classifierCorrections } from '@pushpull/runtime';
import { recordLabeledBatch, replaceOrgChart, type Store } from '@pushpull/store';
import { orgPerson, pgliteStores } from '@pushpull/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createDashboardApp } from './dashboard-app';
import { ensureAdmin } from './ensure-admin';
import type { OverviewReport } from './overview-report';
import { addTestUser, basicAuth, testDashboardApp } from './testing/dashboard-test-app';

const person = (email: string, manager: string | null, department: string) =>
  orgPerson(`${email}@acme.example`, manager ? `${manager}@acme.example` : null, {
    name: email.toUpperCase(),
    department,
  });

// ceo (Executive, level 0) → e1…e5 (Engineering, level 1) and s1 (Sales, level 1); one report each
const ORG = [
  person('ceo', null, 'Executive'),
  ...[1, 2, 3, 4, 5].flatMap((i) => [
    person(`e${i}`, 'ceo', 'Engineering'),
    person(`d${i}`, `e${i}`, 'Engineering'),
  ]),
  person('s1', 'ceo', 'Sales'),
  person('r1', 's1', 'Sales'),
];
/** Downward pulls and pushes of each leader (GitHub and Slack events). */
const DOWN: Record<string, [pulls: number, pushes: number]> = {
  e1: [120, 30],
  e2: [110, 40],
  e3: [30, 120],
  e4: [20, 130],
  e5: [75, 75],
  s1: [60, 60],
  ceo: [2, 1],
};
const REPORT: Record<string, string> = {
  e1: 'd1',
  e2: 'd2',
  e3: 'd3',
  e4: 'd4',
  e5: 'd5',
  s1: 'r1',
  ceo: 'e1',
};

function facts() {
  const out = [];
  let n = 0;
  for (const [leader, [pulls, pushes]] of Object.entries(DOWN)) {
    for (let i = 0; i < pulls + pushes; i++) {
      const pull = i < pulls;
      out.push({
        eventId: `f${n++}`,
        occurredAt: '2026-08-10T10:00:00Z',
        source: i % 2 ? 'github' : 'slack',
        type: 'x',
        actorPersonId: `p:${leader}@acme.example`,
        mode: pull ? 'pull' : 'push',
        initiative: pull ? null : 'proactive',
        confidence: 0.9,
        reasons: ['statement'],
        classifierVersion: '0.3.0',
        url: null,
        edges: [
          {
            targetPersonId: `p:${REPORT[leader]}@acme.example`,
            direction: 'down',
            distance: 1,
            broadcast: false,
            audienceSize: null,
          },
        ],
      });
    }
  }
  return out;
}

describe('org overview: department and level filters, distributions, tiers', () => {
  let cleanup: () => Promise<void>;
  let store: Store;
  let app: ReturnType<typeof createDashboardApp>;
  let admin: Record<string, string>;
  const ana = basicAuth('ana', 'ana-password');

  beforeAll(async () => {
    ({ store, cleanup } = await pgliteStores('pushpull-overview-')());
    await replaceOrgChart(store.db, ORG);
    await recordLabeledBatch(store.db, { groupId: 'test', offsets: [], facts: facts() });
    admin = basicAuth('admin', (await ensureAdmin(store, undefined)) ?? '');
    await addTestUser(store, 'ana', 'analyst', null);
    app = testDashboardApp(store);
  }, 60_000);

  afterAll(async () => {
    await cleanup();
  });

  const overview = async (query: string, headers = admin) => {
    const res = await app.request(`/api/overview?period=2026-08${query}`, { headers });
    expect(res.status).toBe(200);
    return (await res.json()) as OverviewReport;
  };

  it('lists departments and levels (managers above: 0 = top) with their leaders', async () => {
    const o = await overview('');
    expect(o.groups.departments).toEqual([
      { value: 'Engineering', leaders: 5, hidden: false },
      { value: 'Executive', leaders: 1, hidden: false },
      { value: 'Sales', leaders: 1, hidden: false },
    ]);
    expect(o.groups.levels).toEqual([
      { value: 0, leaders: 1, hidden: false },
      { value: 1, leaders: 6, hidden: false },
    ]);
    const ceo = o.leaders.find((l) => l.id === 'p:ceo@acme.example')!;
    expect([ceo.department, ceo.level]).toEqual(['Executive', 0]);
    expect(o.leaders).toHaveLength(7);
  });

  it('filters by department and level on the server', async () => {
    expect((await overview('&department=Sales')).leaders.map((l) => l.id)).toEqual(['p:s1@acme.example']);
    expect((await overview('&level=0')).leaders.map((l) => l.id)).toEqual(['p:ceo@acme.example']);
    const eng1 = await overview('&department=Engineering&level=1');
    expect(eng1.leaders.map((l) => l.id)).toEqual([1, 2, 3, 4, 5].map((i) => `p:e${i}@acme.example`));
    expect(eng1.filters).toEqual({ department: 'Engineering', level: 1 });
    expect((await overview('&department=Sales&level=0')).leaders).toEqual([]);
  });

  it('answers a bad or unknown filter with 400 naming the parameter', async () => {
    for (const [query, parameter, message] of [
      ['level=top', 'level', /^level: a whole number/],
      ['level=-1', 'level', /^level: /],
      ['level=4', 'level', /^level: no leader is at level 4 .*levels 0, 1/],
      ['department=Marketing', 'department', /^department: no leader is in a department named "Marketing"/],
      [`department=${'x'.repeat(300)}`, 'department', /^department: at most 200/],
    ] as const) {
      const res = await app.request(`/api/overview?period=2026-08&${query}`, { headers: admin });
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: string; parameter: string };
      expect(body.parameter).toBe(parameter);
      expect(body.error).toMatch(message);
    }
  });

  it('withholds groups below the minimum group size from analysts, and says so', async () => {
    const sales = await overview('&department=Sales', ana);
    expect(sales.leaders).toEqual([]);
    expect(sales.hidden).toMatch(/1 leader, below the minimum group size of 5; only admins can see it/);
    expect(sales.distributions.every((d) => d.hidden === sales.hidden && d.bins.length === 0)).toBe(true);
    expect(sales.tiers.every((t) => t.tiers.length === 0)).toBe(true);

    const all = await overview('', ana);
    expect(all.groups.departments.map((g) => [g.value, g.hidden])).toEqual([
      ['Engineering', false],
      ['Executive', true],
      ['Sales', true],
    ]);
    expect(all.leaders.map((l) => l.department).sort()).toEqual([
      'Engineering',
      'Engineering',
      'Engineering',
      'Engineering',
      'Engineering',
      null,
      null,
    ]);
    expect(all.leaders.filter((l) => l.level === null)).toHaveLength(1); // the top: a level of one
    expect(JSON.stringify(all)).not.toMatch(/acme\.example|CEO|E1/);

    const eng = await overview('&department=Engineering', ana);
    expect(eng.hidden).toBeNull();
    expect(eng.leaders).toHaveLength(5);
  });

  it('computes the figures with the classifier corrections, and histograms of the rated ones', async () => {
    const o = await overview('');
    const e1 = o.leaders.find((l) => l.id === 'p:e1@acme.example')!;
    const split = (pulls: number, pushes: number, odd: boolean) => {
      const ids = Array.from({ length: pulls + pushes }, (_, i) => i).filter((i) => (i % 2 === 1) === odd);
      const pull = ids.filter((i) => i < pulls).length;
      const push = ids.length - pull;
      return { down: { push, pull, neutral: 0, proactivePush: push, responsivePush: 0 } };
    };
    const expected = leaderEstimates(
      { github: split(120, 30, true), slack: split(120, 30, false) },
      {
        corrections: classifierCorrections().corrections,
        minVolume: o.minVolume,
        maxIntervalWidth: o.maxIntervalWidth,
      },
    ).downwardPullShare;
    expect(e1.figures.downwardPullShare).toMatchObject({
      ...expected,
      rated: isRated(expected, { minVolume: 5, maxIntervalWidth: 0.3 }),
    });
    expect(e1.figures.downwardPullShare.raw).toBeCloseTo(0.8, 10);
    expect(e1.downwardVolume).toBe(150);
    expect(e1.downwardPullShare).toBe(e1.figures.downwardPullShare.rated ? expected.corrected : null);

    const d = o.distributions.find((x) => x.key === 'downwardPullShare')!;
    const rated = o.leaders.filter((l) => l.figures.downwardPullShare.rated);
    expect(rated.length).toBeGreaterThanOrEqual(5);
    expect(d.leaders).toBe(rated.length);
    expect(d.withoutData).toBe(o.leaders.length - rated.length);
    expect(d.band).toEqual(o.downwardPullShareBand);
    for (const [i, bin] of d.bins.entries()) {
      const inBin = rated.filter((l) => {
        const v = l.figures.downwardPullShare.corrected!;
        return v >= bin.from && (v < bin.to || (i === d.bins.length - 1 && v <= 1));
      });
      expect(bin.count, `bin ${i}`).toBe(inBin.length);
    }
  });

  it('puts leaders whose intervals overlap in one tier, never ranked apart', async () => {
    const o = await overview('');
    const t = o.tiers.find((x) => x.key === 'downwardPullShare')!;
    const figure = (id: string) => o.leaders.find((l) => l.id === id)!.figures.downwardPullShare;
    expect(t.tiers.length).toBeGreaterThan(1);
    for (let i = 0; i < t.tiers.length; i++) {
      for (let j = i + 1; j < t.tiers.length; j++) {
        for (const a of t.tiers[i]!.ids) {
          for (const b of t.tiers[j]!.ids)
            expect(intervalsOverlap(figure(a), figure(b)), `${a} ${b}`).toBe(false);
        }
      }
    }
    expect(t.unplaced).toContain('p:ceo@acme.example'); // 3 events: not enough data
    expect(t.tiers.flatMap((x) => x.ids).length + t.unplaced.length).toBe(o.leaders.length);
  });
});
