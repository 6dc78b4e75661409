import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listAudit, openStore, type Store } from '@pushpull/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardView, ViewAuditLog } from './view-audit-log';

const view = (username: string, people: number, subjectHash: string | null = null): DashboardView => ({
  username,
  route: '/api/leaders',
  period: '2026-Q3',
  people,
  subjectHash,
});

/** A timer that fires only when the test says so. */
function manualTimer() {
  const timer = {
    started: [] as number[],
    cancelled: 0,
    run: null as (() => void) | null,
    schedule: (run: () => void, ms: number) => {
      timer.started.push(ms);
      timer.run = run;
      return () => {
        timer.cancelled++;
        timer.run = null;
      };
    },
  };
  return timer;
}

describe('ViewAuditLog', () => {
  let dir: string;
  let store: Store;
  const at = new Date('2026-12-07T12:00:00Z');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pushpull-view-audit-'));
    store = await openStore({ dataDir: dir });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rowsSince = async (n: number) => (await listAudit(store.db)).slice(n);

  it('queues views and writes them in one insert when the timer fires', async () => {
    const timer = manualTimer();
    const audit = new ViewAuditLog(store.db, { now: () => at, intervalMs: 1000, schedule: timer.schedule });
    const before = (await listAudit(store.db)).length;
    audit.record(view('root', 3));
    audit.record(view('root', 1, 'a'.repeat(64)));
    audit.record(view('ana', 2));
    expect(timer.started).toEqual([1000]); // one timer for the whole batch
    expect(audit.pending).toBe(3);
    expect(await rowsSince(before)).toEqual([]);

    const writes = store.writeCount?.() ?? 0;
    timer.run?.();
    await audit.flush(); // waits for the insert the timer started
    expect(store.writeCount?.()).toBe(writes + 1);
    const rows = await rowsSince(before);
    expect(rows.map((r) => [r.actor, r.action, r.subjectHash, r.detail])).toEqual([
      ['dashboard:root', 'dashboard.view', null, { route: '/api/leaders', period: '2026-Q3', people: 3 }],
      [
        'dashboard:root',
        'dashboard.view',
        'a'.repeat(64),
        { route: '/api/leaders', period: '2026-Q3', people: 1 },
      ],
      ['dashboard:ana', 'dashboard.view', null, { route: '/api/leaders', period: '2026-Q3', people: 2 }],
    ]);
    expect(rows.every((r) => r.at.getTime() === at.getTime())).toBe(true);
    expect(audit.pending).toBe(0);

    audit.record(view('root', 4));
    expect(timer.started).toEqual([1000, 1000]); // the next view starts the next interval
    await audit.close();
  });

  it('close stops the timer and writes what is queued', async () => {
    const timer = manualTimer();
    const audit = new ViewAuditLog(store.db, { now: () => at, schedule: timer.schedule });
    const before = (await listAudit(store.db)).length;
    audit.record(view('root', 5));
    await audit.close();
    expect(timer.cancelled).toBe(1);
    expect((await rowsSince(before)).map((r) => r.detail.people)).toEqual([5]);
  });

  it('keeps the rows of a failed insert for the next one and reports the failure', async () => {
    const errors: number[] = [];
    const audit = new ViewAuditLog(store.db, {
      now: () => at,
      schedule: () => () => {},
      onError: (_err, rows) => errors.push(rows),
    });
    const before = (await listAudit(store.db)).length;
    audit.record(view('root', 1, 'not a hash')); // refused by audit_log's check
    await audit.flush();
    expect(errors).toEqual([1]);
    expect(audit.pending).toBe(1);
    expect(await rowsSince(before)).toEqual([]);
  });

  it('keeps at most maxQueued rows, the newest', async () => {
    const audit = new ViewAuditLog(store.db, { schedule: () => () => {}, maxQueued: 2 });
    const before = (await listAudit(store.db)).length;
    for (const people of [1, 2, 3]) audit.record(view('root', people));
    expect(audit.pending).toBe(2);
    await audit.flush();
    expect((await rowsSince(before)).map((r) => r.detail.people)).toEqual([2, 3]);
  });
});
