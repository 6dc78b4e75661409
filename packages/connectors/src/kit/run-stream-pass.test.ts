import type { ActivityEvent } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import type { SyncContext } from './connector';
import { type DeclaredStream, runStreamPass, type StreamPage } from './run-stream-pass';
import { readSyncCursor, streamOf } from './sync-cursor';

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

describe('runStreamPass, options of sources with their own cursor values (Slack)', () => {
  /**
   * A stream `h` whose mark is the newest item value seen (`newestOf`), whose collect records a child
   * cursor through `onCursor`, and a stream `w` with nothing to read (`firstPage` null).
   */
  function valued(pages: Record<string, StreamPage>) {
    const requests: string[] = [];
    const saves: { children: Record<string, string>; next: string | null }[] = [];
    const saved = new Map<string, string>();
    const ctx = {
      since: new Date(0),
      runStartedAt: new Date('2024-05-01T12:00:00Z'),
      signal: new AbortController().signal,
      log: () => {},
      cursors: {
        get: async (scope: string) => saved.get(scope) ?? null,
        set: async (scope: string, c: string) => {
          saved.set(scope, c);
          const h = readSyncCursor(c).cursor?.streams.h;
          saves.push({ children: { ...h?.children }, next: h?.next ?? null });
        },
      },
      emit: async () => {},
    } as unknown as SyncContext;
    let children: Record<string, string> = {};
    const h: DeclaredStream = {
      name: 'h',
      firstPage: (mark) => `h>${mark}`,
      collect: async (items) => {
        for (const v of items as string[]) children[`parent-${v}`] = `reply-${v}`;
        return { events: (items as string[]).map((v) => event(v, '2024-05-01T12:00:00Z')), stop: false };
      },
      newestOf: (items, newest) => [newest ?? '', ...(items as string[])].sort().at(-1) || null,
    };
    const w: DeclaredStream = {
      name: 'w',
      firstPage: () => null,
      collect: async () => ({ events: [], stop: false }),
    };
    const run = () =>
      runStreamPass(ctx, {
        scope: 'team/channel',
        streams: [h, w],
        fetchPage: async (_s, request) => {
          requests.push(request);
          return pages[request] ?? { status: 200, items: [], next: null, etag: null };
        },
        initialMark: '0000',
        // Events are at the pass's start: without exactMarks they would be kept as `seen`.
        markAt: (d) => d.toISOString(),
        exactMarks: true,
        onCursor: (cursor) => {
          children = streamOf(cursor, 'h').children;
        },
        onPage: async () => {},
      });
    return { run, requests, saves, cursor: () => readSyncCursor(saved.get('team/channel')!).cursor! };
  }

  it('moves a newestOf mark to the newest value seen, saves child cursors with their page, reads no page of a null firstPage', async () => {
    const f = valued({
      'h>0000': { status: 200, items: ['0007', '0009'], next: 'h<0007', etag: null },
      'h<0007': { status: 200, items: ['0003'], next: null, etag: null },
    });
    expect(await f.run()).toEqual({ events: 3, completed: true });
    expect(f.requests).toEqual(['h>0000', 'h<0007']);
    // The first page's children are in the cursor saved with it (a resumed pass keeps them).
    expect(f.saves[0]).toEqual({
      children: { 'parent-0007': 'reply-0007', 'parent-0009': 'reply-0009' },
      next: 'h<0007',
    });
    const cursor = f.cursor();
    expect(cursor.streams.h?.mark).toBe('0009');
    expect(cursor.streams.h?.children['parent-0003']).toBe('reply-0003');
    // `w` read nothing and did not change; exact marks keep no ids at the edge.
    expect(cursor.streams.w?.mark).toBe('0000');
    expect(cursor.seen).toEqual([]);

    // A pass that sees nothing keeps the newest mark (it does not move to the pass's start).
    f.requests.length = 0;
    await f.run();
    expect(f.requests).toEqual(['h>0009']);
    expect(f.cursor().streams.h?.mark).toBe('0009');
    expect(f.cursor().pass).toBeNull();
  });
});
