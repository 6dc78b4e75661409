import type { ActivityEvent } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import type { SyncContext } from './connector';
import { type DeclaredStream, runStreamPass, type StreamPage } from './run-stream-pass';
import { readSyncCursor } from './sync-cursor';

const event = (id: string, at: string): ActivityEvent => ({
  id,
  source: 'github',
  type: 'github.issue_comment.created',
  occurredAt: at,
  actor: { githubLogin: 'alice' },
  targets: [],
  attributes: {},
});

/** Two streams of pages keyed by URL; every write and cursor save recorded in order. */
function fixture(stopAfterEmits = Number.POSITIVE_INFINITY) {
  const pages: Record<string, StreamPage> = {
    'a?since=M0': { status: 200, items: ['a1', 'a2'], next: 'a?page=2', etag: 'ea' },
    'a?page=2': { status: 200, items: ['a3'], next: null, etag: null },
    'a?since=M1': { status: 200, items: [], next: null, etag: 'ea1' },
    'b?since=M0': { status: 304, items: [], next: null, etag: 'eb' },
  };
  const log: string[] = [];
  const requests: { url: string; etag: string | null }[] = [];
  const saved = new Map<string, string>();
  const stop = new AbortController();
  let emits = 0;
  const ctx = {
    since: new Date(0),
    runStartedAt: new Date('2024-05-01T12:00:00Z'),
    signal: stop.signal,
    log: () => {},
    cursors: {
      get: async (scope: string) => saved.get(scope) ?? null,
      set: async (scope: string, c: string) => {
        saved.set(scope, c);
        log.push(`save ${readSyncCursor(c).cursor?.pass?.stream ?? 'done'}`);
      },
    },
    emit: async (events: readonly ActivityEvent[]) => {
      log.push(`emit ${events.map((e) => e.id).join(',')}`);
      if (++emits >= stopAfterEmits) stop.abort();
    },
  } as unknown as SyncContext;
  const stream = (name: string): DeclaredStream => ({
    name,
    firstPage: (mark) => `${name}?since=${mark.startsWith('2024') ? 'M1' : 'M0'}`,
    collect: async (items) => ({
      events: (items as string[]).map((i) => event(i, '2024-05-01T12:00:00Z')),
      stop: false,
    }),
  });
  const run = () =>
    runStreamPass(ctx, {
      scope: 'acme/api',
      streams: [stream('a'), stream('b')],
      fetchPage: async (_s, url, etag) => {
        requests.push({ url, etag });
        return pages[url]!;
      },
      initialMark: '2000-01-01T00:00:00Z',
      markAt: (d) => d.toISOString(),
      onPage: async () => {},
    });
  return { run, log, requests, saved, stop };
}

describe('runStreamPass', () => {
  it('emits each page before saving its cursor and moves only the marks of streams that changed', async () => {
    const f = fixture();
    expect(await f.run()).toEqual({ events: 3, completed: true });
    expect(f.log).toEqual(['emit a1,a2', 'save a', 'emit a3', 'save b', 'emit ', 'save b', 'save done']);
    const cursor = readSyncCursor(f.saved.get('acme/api')!).cursor!;
    expect(cursor.streams.a).toMatchObject({
      mark: '2024-05-01T12:00:00.000Z',
      next: null,
      etag: { url: 'a?since=M0', tag: 'ea' },
    });
    expect(cursor.streams.b).toMatchObject({
      mark: '2000-01-01T00:00:00Z',
      etag: { url: 'b?since=M0', tag: 'eb' },
    });
    // Ids at the new mark are remembered, so the next pass (which reads that instant again) skips them.
    expect(cursor.seen.map((r) => r.id)).toEqual(['a1', 'a2', 'a3']);
    f.requests.length = 0;
    await f.run();
    expect(f.requests).toEqual([
      { url: 'a?since=M1', etag: null },
      { url: 'b?since=M0', etag: 'eb' },
    ]);
  });

  it('stops between pages when aborted and resumes at the next page', async () => {
    const stopped = fixture(1);
    expect(await stopped.run()).toEqual({ events: 2, completed: false });
    const saved = stopped.saved.get('acme/api')!;
    expect(readSyncCursor(saved).cursor?.streams.a?.next).toBe('a?page=2');
    const resumed = fixture();
    resumed.saved.set('acme/api', saved);
    expect(await resumed.run()).toEqual({ events: 1, completed: true });
    expect(resumed.requests[0]).toEqual({ url: 'a?page=2', etag: null });
  });
});
