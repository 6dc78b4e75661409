import {
  type FactInput,
  PSEUDONYM_PATTERN,
  pseudonymiser,
  recordLabeledBatch,
  replaceOrgChart,
  type Store,
} from '@pushpull/store';
import { orgPerson, pgliteStores, testEdge, testFacts } from '@pushpull/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createDashboardApp } from './dashboard-app';
import { addTestUser, basicAuth, testDashboardApp } from './testing/dashboard-test-app';

const person = (email: string, name: string, managerEmail: string | null) =>
  orgPerson(email, managerEmail, { name, department: 'Engineering' });

const fact = (
  actor: string,
  mode: 'push' | 'pull',
  initiative: 'proactive' | 'responsive' | null,
  target: string,
  direction: string,
) =>
  testFacts(
    1,
    actor,
    '2026-08-10T10:00:00Z',
    mode,
    [testEdge(direction, target, 1)],
    initiative,
  )[0] as FactInput;

const admin = basicAuth('root', 'root-password');
const analyst = basicAuth('ana', 'ana-password');
const lea = basicAuth('lea', 'lea-password');

interface LeaderRow {
  personId: string;
  counts: Record<string, { push: number; pull: number }>;
}

describe('dashboard report cache', () => {
  let cleanup: () => Promise<void>;
  let store: Store;
  let clock = 0;
  let offset = 0;
  let app: ReturnType<typeof createDashboardApp>;
  let uncached: ReturnType<typeof createDashboardApp>;

  /** Records a batch as the aggregator does: facts and the consumer's offset in one transaction. */
  const aggregate = (facts: ReturnType<typeof fact>[]) => {
    offset += facts.length;
    return recordLabeledBatch(store.db, {
      groupId: 'pushpull.aggregator',
      facts,
      offsets: [{ topic: 'labeled', partition: 0, nextOffset: String(offset) }],
    });
  };
  const get = async (
    target: ReturnType<typeof createDashboardApp>,
    path: string,
    headers: Record<string, string>,
  ) => {
    const res = await target.request(path, { headers });
    expect(res.status).toBe(200);
    return res.text();
  };
  const downPulls = (body: string) =>
    (JSON.parse(body) as LeaderRow[]).find((l) => l.personId === 'p:lead@acme.example')?.counts.down?.pull;

  beforeAll(async () => {
    ({ store, cleanup } = await pgliteStores('pushpull-dash-cache-')());
    await replaceOrgChart(store.db, [
      person('ceo@acme.example', 'Cee Chief', null),
      person('lead@acme.example', 'Lea Lead', 'ceo@acme.example'),
      person('dev1@acme.example', 'Dev One', 'lead@acme.example'),
      person('dev2@acme.example', 'Dev Two', 'lead@acme.example'),
    ]);
    await aggregate([
      fact('p:lead@acme.example', 'pull', null, 'p:dev1@acme.example', 'down'),
      fact('p:lead@acme.example', 'push', 'proactive', 'p:dev2@acme.example', 'down'),
      fact('p:lead@acme.example', 'push', 'proactive', 'p:ceo@acme.example', 'up'),
      fact('p:ceo@acme.example', 'pull', null, 'p:lead@acme.example', 'down'),
    ]);
    for (const [username, role, personId] of [
      ['root', 'admin', null],
      ['ana', 'analyst', null],
      ['lea', 'leader', 'p:lead@acme.example'],
    ] as const) {
      await addTestUser(store, username, role, personId);
    }
    app = testDashboardApp(store, { reportCache: { ttlMs: 60_000, clock: () => clock } });
    uncached = testDashboardApp(store, { reportCache: false });
  }, 60_000);

  afterAll(async () => {
    await cleanup();
  });

  it('answers byte-identically with and without the cache', async () => {
    for (const path of ['/api/leaders?period=2026-08', '/api/overview?period=2026-08', '/api/leaders']) {
      for (const who of [admin, analyst]) {
        const fresh = await get(uncached, path, who);
        expect(await get(app, path, who)).toBe(fresh);
        expect(await get(app, path, who)).toBe(fresh); // from the cache
      }
    }
    expect(await get(app, '/api/leaders?period=2026-08', lea)).toBe(
      await get(uncached, '/api/leaders?period=2026-08', lea),
    );
  });

  it('serves the same leaders until the aggregator records a batch, then the new figures', async () => {
    const before = await get(app, '/api/leaders?period=2026-08', admin);
    expect(downPulls(before)).toBe(1);
    // a write that moves no offset is not seen by the data version: the cached answer stays …
    await recordLabeledBatch(store.db, {
      groupId: 'by-hand',
      offsets: [],
      facts: [fact('p:lead@acme.example', 'pull', null, 'p:dev2@acme.example', 'down')],
    });
    expect(await get(app, '/api/leaders?period=2026-08', admin)).toBe(before);
    expect(downPulls(await get(uncached, '/api/leaders?period=2026-08', admin))).toBe(2);
    // … until its time to live has passed
    clock += 60_000;
    expect(downPulls(await get(app, '/api/leaders?period=2026-08', admin))).toBe(2);
    // a batch of the aggregator moves the data version: recomputed at once
    await aggregate([fact('p:lead@acme.example', 'pull', null, 'p:dev1@acme.example', 'down')]);
    const after = await get(app, '/api/leaders?period=2026-08', admin);
    expect(downPulls(after)).toBe(3);
    expect(after).toBe(await get(uncached, '/api/leaders?period=2026-08', admin));
  });

  it("never serves an admin's named overview to an analyst, nor an analyst's to an admin", async () => {
    await aggregate([fact('p:ceo@acme.example', 'push', 'proactive', 'p:lead@acme.example', 'down')]);
    const named = await get(app, '/api/overview?period=2026-08', admin); // cached first
    expect(named).toContain('Lea Lead');
    const pseudonymised = await get(app, '/api/overview?period=2026-08', analyst);
    expect(pseudonymised).not.toMatch(/acme\.example|Lea Lead|Cee Chief/);
    const leaders = (JSON.parse(pseudonymised) as { leaders: { id: string; pseudonymised: boolean }[] })
      .leaders;
    expect(leaders.length).toBe(2);
    expect(leaders.every((l) => l.pseudonymised && PSEUDONYM_PATTERN.test(l.id))).toBe(true);
    // and the other way round on a period the admin has not asked for yet
    expect(await get(app, '/api/overview?period=last-90d', analyst)).not.toContain('Lea Lead');
    expect(await get(app, '/api/overview?period=last-90d', admin)).toContain('Lea Lead');
  });

  it('gives a leader only their own row after an admin filled the cache with every leader', async () => {
    const all = JSON.parse(await get(app, '/api/leaders?period=2026-08', admin)) as LeaderRow[];
    expect(all.map((l) => l.personId).sort()).toEqual(['p:ceo@acme.example', 'p:lead@acme.example']);
    const own = JSON.parse(await get(app, '/api/leaders?period=2026-08', lea)) as LeaderRow[];
    expect(own.map((l) => l.personId)).toEqual(['p:lead@acme.example']);
  });

  it('answers concurrent identical requests alike, with the data of the latest batch', async () => {
    await aggregate([fact('p:lead@acme.example', 'push', 'proactive', 'p:ceo@acme.example', 'up')]);
    const bodies = await Promise.all(
      Array.from({ length: 10 }, () => get(app, '/api/overview?period=2026-08', analyst)),
    );
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toBe(await get(uncached, '/api/overview?period=2026-08', analyst));
  });

  it("keeps the analysts' pseudonymised leaders apart from the named ones, cached like them", async () => {
    const path = '/api/leaders?period=2026-W33';
    const named = await get(app, path, admin); // the named answer is cached first
    expect(named).toContain('Lea Lead');
    const pseudonymised = await get(app, path, analyst);
    expect(pseudonymised).not.toMatch(/acme\.example|Lea Lead|Cee Chief/);
    const alias = await pseudonymiser(store.db);
    const rows = JSON.parse(pseudonymised) as (LeaderRow & { name: unknown; email: unknown })[];
    expect(rows.map((r) => r.personId)).toEqual(
      [alias('p:ceo@acme.example'), alias('p:lead@acme.example')].sort(),
    );
    expect(rows.every((r) => r.name === null && r.email === null)).toBe(true);
    // a write the data version does not see: both variants are served from the cache, not recomputed
    await recordLabeledBatch(store.db, {
      groupId: 'by-hand',
      offsets: [],
      facts: [fact('p:lead@acme.example', 'pull', null, 'p:dev1@acme.example', 'down')],
    });
    expect(await get(uncached, path, analyst)).not.toBe(pseudonymised);
    expect(await get(app, path, analyst)).toBe(pseudonymised);
    expect(await get(app, path, admin)).toBe(named);
  });
});
