import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ActivityEvent } from '@pushpull/core';
import { getCursor, openStore, type Store } from '@pushpull/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memorySink, sampleEvent } from '../testing/test-sync-context';
import type { Connector, SyncContext } from './connector';
import { runSync } from './run-sync';
import { storeCursorStore } from './store-cursor-store';

const good = sampleEvent(1);
const mail: ActivityEvent = {
  ...good,
  id: 'outlook:u1:message:<m1@x.test>',
  source: 'outlook',
  type: 'outlook.message.sent',
  actor: { email: 'a@x.test' },
  targets: [{ email: 'b@x.test', role: 'to' }],
};

let store: Store;
beforeAll(async () => {
  store = await openStore({ dataDir: mkdtempSync(path.join(tmpdir(), 'run-sync-')) });
});
afterAll(async () => store.close());

describe('runSync', () => {
  it('builds the context: since 90 days back, start time, cursors of the source, progress, emit to the sink', async () => {
    let seen: SyncContext | null = null;
    const connector: Connector = {
      source: 'github',
      async sync(ctx) {
        seen = ctx;
        await ctx.cursors.set('a/b', 'c1');
        ctx.progress({ scopesDone: 1, scopesTotal: 1, events: 1, requests: 2 });
        await ctx.emit([good]);
        await ctx.budget.acquire();
        return { events: 1, requests: 2, scopes: 1, skipped: [] };
      },
    };
    const now = new Date('2024-05-01T12:00:00Z');
    const sink = memorySink();
    const progress: number[] = [];
    const summary = await runSync({
      connector,
      cursors: storeCursorStore(store.db, 'github'),
      sink,
      now: () => now,
      onProgress: (p) => progress.push(p.requests),
    });
    expect(summary.events).toBe(1);
    expect(sink.events).toEqual([good]);
    expect(progress).toEqual([2]);
    expect(seen!.runStartedAt).toEqual(now);
    expect(seen!.since).toEqual(new Date('2024-02-01T12:00:00Z'));
    expect(await getCursor(store.db, 'github', 'a/b')).toBe('c1');
  });

  it("passes the caller's stop signal on to the connector", async () => {
    const stop = new AbortController();
    const connector: Connector = {
      source: 'github',
      async sync(ctx) {
        expect(ctx.signal.aborted).toBe(false);
        stop.abort(new Error('shutting down'));
        expect(ctx.signal.aborted).toBe(true);
        expect(ctx.signal.reason).toEqual(new Error('shutting down'));
        return { events: 0, requests: 0, scopes: 0, skipped: [] };
      },
    };
    await expect(
      runSync({
        connector,
        cursors: storeCursorStore(store.db, 'github'),
        sink: memorySink(),
        signal: stop.signal,
      }),
    ).resolves.toMatchObject({
      events: 0,
    });
  });

  it('refuses an invalid event before it reaches the sink', async () => {
    const connector: Connector = {
      source: 'github',
      async sync(ctx) {
        await ctx.emit([{ ...good, type: 'slack.message.posted' }]);
        return { events: 1, requests: 0, scopes: 0, skipped: [] };
      },
    };
    const sink = memorySink();
    await expect(
      runSync({ connector, cursors: storeCursorStore(store.db, 'github'), sink, since: new Date(0) }),
    ).rejects.toMatchObject({
      code: 'EVENT_INVALID',
    });
    expect(sink.events).toEqual([]);
  });

  it('applies the content policy to every page and hands org snapshots to the org sink', async () => {
    const written: { asOf: string | null; people: number }[] = [];
    const connector: Connector = {
      source: 'outlook',
      async sync(ctx) {
        await ctx.emitOrgSnapshot({
          kind: 'directory',
          asOf: '2024-05-01',
          rows: [
            {
              email: 'a@x.test',
              name: 'A',
              managerEmail: null,
              title: null,
              department: null,
              graphId: 'g1',
            },
          ],
        });
        await ctx.emit([{ ...mail, subject: 'Budget for Q3', text: 'Please approve the budget by Friday.' }]);
        return { events: 1, requests: 0, scopes: 1, skipped: [] };
      },
    };
    const sink = memorySink();
    await runSync({
      connector,
      cursors: storeCursorStore(store.db, 'outlook'),
      sink,
      content: 'features',
      orgSink: {
        write: async (s) => {
          written.push({ asOf: s.kind === 'directory' ? s.asOf : null, people: s.rows.length });
          return { added: s.rows.length };
        },
      },
    });
    expect(written).toEqual([{ asOf: '2024-05-01', people: 1 }]);
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]).toMatchObject({ id: mail.id, subject: null, text: null });
    expect(sink.events[0]!.attributes.textFeatures).toMatchObject({ v: 1 });
    expect(JSON.stringify(sink.events)).not.toContain('budget');

    const full = memorySink();
    const logs: string[] = [];
    await runSync({
      connector,
      cursors: storeCursorStore(store.db, 'outlook'),
      sink: full,
      log: (level, _fields, message) => logs.push(`${level} ${message}`),
    });
    expect(full.events[0]?.text).toBe('Please approve the budget by Friday.');
    expect(logs).toContain('warn outlook: no org sink given; the org chart is not saved');
  });
});
