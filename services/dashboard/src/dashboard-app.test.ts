import {
  type FactInput,
  PSEUDONYM_PATTERN,
  recordLabeledBatch,
  replaceOrgChart,
  type Store,
  writeMetricSettings,
} from '@pushpull/store';
import { orgPerson, pgliteStores, testEdge, testFacts } from '@pushpull/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createDashboardApp } from './dashboard-app';
import { ensureAdmin } from './ensure-admin';
import { hashPassword, verifyPassword } from './password-hash';
import { addTestUser, basicAuth, testDashboardApp } from './testing/dashboard-test-app';

const row = (email: string, name: string, managerEmail: string | null) =>
  orgPerson(email, managerEmail, { name });

const fact = (
  id: string,
  actor: string,
  mode: 'push' | 'pull',
  initiative: 'proactive' | 'responsive' | null,
  target: string,
  direction: string,
): FactInput => ({
  ...(testFacts(
    1,
    actor,
    '2026-08-10T10:00:00Z',
    mode,
    [testEdge(direction, target, direction === 'peer' ? null : 1)],
    initiative,
  )[0] as FactInput),
  eventId: id,
});

describe('dashboard app', () => {
  let cleanup: () => Promise<void>;
  let store: Store;
  let app: ReturnType<typeof createDashboardApp>;
  let adminPassword: string;

  beforeAll(async () => {
    ({ store, cleanup } = await pgliteStores('pushpull-dash-')());
    await replaceOrgChart(store.db, [
      row('ceo@acme.example', 'Cee <script>alert(1)</script>', null),
      row('lead@acme.example', 'Lea Lead', 'ceo@acme.example'),
      row('dev1@acme.example', 'Dev One', 'lead@acme.example'),
      row('dev2@acme.example', 'Dev Two', 'lead@acme.example'),
    ]);
    await recordLabeledBatch(store.db, {
      groupId: 'test',
      offsets: [],
      facts: [
        fact('e1', 'p:lead@acme.example', 'pull', null, 'p:dev1@acme.example', 'down'),
        fact('e2', 'p:lead@acme.example', 'push', 'proactive', 'p:dev2@acme.example', 'down'),
        fact('e3', 'p:lead@acme.example', 'push', 'proactive', 'p:ceo@acme.example', 'up'),
        fact('e4', 'p:lead@acme.example', 'push', 'responsive', 'p:ceo@acme.example', 'up'),
      ],
    });
    adminPassword = (await ensureAdmin(store, undefined)) ?? '';
    await addTestUser(store, 'lea', 'leader', 'p:lead@acme.example');
    app = testDashboardApp(store);
  }, 60_000);

  afterAll(async () => {
    await cleanup();
  });

  it('generates the first admin password once', async () => {
    expect(adminPassword).toMatch(/^[\w-]{20}$/);
    expect(await ensureAdmin(store, undefined)).toBeNull();
  });

  it('answers /healthz without auth and /api/* with 401 without credentials', async () => {
    expect((await app.request('/healthz')).status).toBe(200);
    const res = await app.request('/api/leaders');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(
      (await app.request('/api/leaders', { headers: basicAuth('admin', 'wrong-password') })).status,
    ).toBe(401);
  });

  it('lists leaders with counts and metrics for a period', async () => {
    const res = await app.request('/api/leaders?period=2026-08', {
      headers: basicAuth('admin', adminPassword),
    });
    expect(res.status).toBe(200);
    const leaders = (await res.json()) as {
      personId: string;
      reports: number;
      counts: Record<string, { push: number; pull: number }>;
      metrics: { pushShare: Record<string, number | null> };
    }[];
    expect(leaders.map((l) => [l.personId, l.reports]).sort()).toEqual([
      ['p:ceo@acme.example', 1],
      ['p:lead@acme.example', 2],
    ]);
    const lead = leaders.find((l) => l.personId === 'p:lead@acme.example')!;
    expect(lead.counts.down).toMatchObject({ push: 1, pull: 1 });
    // beside the ratios as labelled, the corrected figures with their interval (2 events: not rated)
    const figures = (
      lead as unknown as { figures: Record<string, { raw: number; volume: number; rated: boolean }> }
    ).figures;
    expect(figures.downwardPullShare).toMatchObject({ raw: 0.5, volume: 2, rated: false });
    expect(lead.counts.up).toMatchObject({ push: 2, pull: 0 });
    const other = await app.request('/api/leaders?period=2026-07', {
      headers: basicAuth('admin', adminPassword),
    });
    const july = (await other.json()) as { counts: Record<string, unknown> }[];
    expect(july.every((l) => Object.keys(l.counts).length === 0)).toBe(true);
  });

  it('computes with the metric settings analysts see (minimum volume, bands)', async () => {
    const lead = async () => {
      const res = await app.request('/api/leaders?period=2026-08', {
        headers: basicAuth('admin', adminPassword),
      });
      const all = (await res.json()) as {
        personId: string;
        metrics: { pushShare: Record<string, number | null>; bands: Record<string, string> };
      }[];
      return all.find((l) => l.personId === 'p:lead@acme.example')!.metrics;
    };
    expect((await lead()).pushShare.down).toBeNull(); // 2 events: below the default minimum of 5
    await writeMetricSettings(store.db, { minVolume: 2, bands: { down: [0.55, 0.8] } });
    try {
      const m = await lead();
      expect(m.pushShare.down).toBe(0.5);
      expect(m.bands.down).toBe('too pully');
    } finally {
      await writeMetricSettings(store.db, { minVolume: 5, bands: { down: [0.3, 0.6] } });
    }
    expect((await lead()).bands.down).toBe('not enough data');
  });

  it('refuses a malformed period with 400', async () => {
    const res = await app.request('/api/leaders?period=2026-Q9', {
      headers: basicAuth('admin', adminPassword),
    });
    expect(res.status).toBe(400);
  });

  it('shows a leader only their own row', async () => {
    const res = await app.request('/api/leaders?period=2026-08', {
      headers: basicAuth('lea', 'lea-password'),
    });
    const leaders = (await res.json()) as { personId: string }[];
    expect(leaders.map((l) => l.personId)).toEqual(['p:lead@acme.example']);
  });

  it('escapes HTML in names on the server-rendered report', async () => {
    const res = await app.request('/report/leaders?period=2026-08', {
      headers: basicAuth('admin', adminPassword),
    });
    const html = await res.text();
    expect(html).toContain('Cee &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('logs in with a session cookie (HttpOnly, SameSite=Strict) and logs out', async () => {
    const bad = await app.request('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'lea', password: 'nope-nope-nope' }),
    });
    expect(bad.status).toBe(401);
    const res = await app.request('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'lea', password: 'lea-password' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^pushpull_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = { cookie: cookie.split(';')[0]! };
    const me = (await (await app.request('/api/me', { headers: session })).json()) as { role: string };
    expect(me.role).toBe('leader');
    await app.request('/api/logout', { method: 'POST', headers: session });
    expect((await app.request('/api/me', { headers: session })).status).toBe(401);
  });

  it("refuses a leader another leader's page, the overview, pipeline, and a team below 5", async () => {
    const lea = basicAuth('lea', 'lea-password');
    expect(
      (await app.request('/api/leaders/p:lead@acme.example?period=2026-08', { headers: lea })).status,
    ).toBe(200);
    const other = await app.request('/api/leaders/p:ceo@acme.example?period=2026-08', { headers: lea });
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: string }).error).toMatch(/only their own page/);
    expect((await app.request('/api/overview', { headers: lea })).status).toBe(403);
    expect((await app.request('/api/pipeline', { headers: lea })).status).toBe(403);
    const team = await app.request('/api/teams/p:lead@acme.example?period=2026-08', { headers: lea });
    expect(team.status).toBe(403);
    expect(((await team.json()) as { error: string }).error).toMatch(
      /2 members, below the minimum group size of 5/,
    );
    const admin = await app.request('/api/teams/p:lead@acme.example?period=2026-08', {
      headers: basicAuth('admin', adminPassword),
    });
    expect(admin.status).toBe(200);
    expect(((await admin.json()) as { memberRows: unknown[] }).memberRows).toHaveLength(2);
  });

  it('shows analysts a pseudonymised overview and no named leader page', async () => {
    await addTestUser(store, 'ana', 'analyst', null);
    const ana = basicAuth('ana', 'ana-password');
    const res = await app.request('/api/overview?period=2026-08', { headers: ana });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/acme\.example|Lea Lead|Cee/);
    const body = JSON.parse(text) as { leaders: { id: string }[] };
    expect(body.leaders.map((l) => l.id).every((id) => PSEUDONYM_PATTERN.test(id))).toBe(true);
    expect((await app.request('/api/leaders/p:lead@acme.example', { headers: ana })).status).toBe(403);
  });

  it('never puts markup in API bodies: names are JSON-escaped', async () => {
    const res = await app.request('/api/overview?period=2026-08', {
      headers: basicAuth('admin', adminPassword),
    });
    const raw = await res.text();
    expect(raw).not.toContain('<script>');
    expect(raw).toContain('\\u003cscript\\u003e');
    const body = JSON.parse(raw) as { leaders: { name: string }[] };
    expect(body.leaders.map((l) => l.name)).toContain('Cee <script>alert(1)</script>');
  });

  it('hashes passwords with a salt and verifies them', async () => {
    const a = await hashPassword('pw-123456');
    const b = await hashPassword('pw-123456');
    expect(a).not.toBe(b);
    expect(await verifyPassword('pw-123456', a)).toBe(true);
    expect(await verifyPassword('pw-1234567', a)).toBe(false);
    expect(await verifyPassword('pw-123456', 'garbage')).toBe(false);
  });
});
