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

/** A scope of declared streams over pages keyed by URL, run at a given time; requests and saves recorded. */
function harness(pages: Record<string, StreamPage>, declared: Omit<DeclaredStream, 'collect'>[]) {
  const requests: string[] = [];
  const marks: number[] = [];
  const saved = new Map<string, string>();
  let saves = 0;
  const run = (at: string) =>
    runStreamPass(
      {
        since: new Date(0),
        runStartedAt: new Date(at),
        signal: new AbortController().signal,
        log: () => {},
        cursors: {
          get: async (scope: string) => saved.get(scope) ?? null,
          set: async (scope: string, c: string) => {
            saves += 1;
            saved.set(scope, c);
          },
        },
        emit: async () => {},
      } as unknown as SyncContext,
      {
        scope: 'u1/sentitems',
        streams: declared.map((d) => ({
          ...d,
          collect: async (items, markMs) => {
            marks.push(markMs);
            return { events: (items as string[]).map((i) => event(i, at)), stop: false };
          },
        })),
        fetchPage: async (_s, url) => {
          requests.push(url);
          const page = pages[url];
          if (!page) throw new Error(`no page ${url}`);
          return page;
        },
        initialMark: '2000-01-01T00:00:00.000Z',
        markAt: (d) => d.toISOString(),
        onPage: async () => {},
      },
    );
  const cursor = () => readSyncCursor(saved.get('u1/sentitems') ?? null).cursor;
  return { run, requests, marks, saved, cursor, saves: () => saves };
}

const page = (items: string[], next: string | null, more: Partial<StreamPage> = {}): StreamPage => ({
  status: 200,
  items,
  next,
  etag: null,
  ...more,
});
const delta = (name: string): Omit<DeclaredStream, 'collect'> => ({
  name,
  delta: true,
  firstPage: (origin) => `${name}?from=${origin}`,
});

describe('runStreamPass: delta streams and page actions', () => {
  it('runs a delta stream from its origin, keeps its last link for the next pass and moves its mark on each pass', async () => {
    const h = harness(
      {
        'd?from=2000-01-01T00:00:00.000Z': page(['d1'], 'd?skip=2'),
        'd?skip=2': page(['d2'], null, { nextPass: 'd?delta=1' }),
        'd?delta=1': page([], null, { nextPass: 'd?delta=2' }),
      },
      [delta('d')],
    );
    expect(await h.run('2024-05-01T12:00:00Z')).toEqual({ events: 2, completed: true });
    // Nothing emitted before the first pass: no item is older than the mark.
    expect(h.marks).toEqual([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(h.cursor()).toMatchObject({
      pass: null,
      streams: {
        d: { mark: '2024-05-01T12:00:00.000Z', next: 'd?delta=1', origin: '2000-01-01T00:00:00.000Z' },
      },
    });
    h.requests.length = 0;
    h.marks.length = 0;
    expect(await h.run('2024-05-02T12:00:00Z')).toEqual({ events: 0, completed: true });
    expect(h.requests).toEqual(['d?delta=1']);
    expect(h.marks).toEqual([Date.parse('2024-05-01T12:00:00Z')]);
    // No changes, yet the mark moves: the pass read everything created before its start.
    expect(h.cursor()?.streams.d).toMatchObject({ mark: '2024-05-02T12:00:00.000Z', next: 'd?delta=2' });
  });

  it('restarts a stream from its origin with its mark kept, and leaves a skipped stream as last saved', async () => {
    const h = harness(
      {
        'd?delta=old': page([], null, { status: 410, action: 'restart' }),
        'd?from=2020-01-01T00:00:00.000Z': page(['d1'], null, { nextPass: 'd?delta=new' }),
        'gone?delta=x': page([], null, { status: 404, action: 'skip' }),
      },
      [delta('d'), delta('gone')],
    );
    const state = (next: string) => ({
      mark: '2024-04-30T00:00:00.000Z',
      next,
      etag: null,
      origin: '2020-01-01T00:00:00.000Z',
      children: {},
    });
    const before = {
      v: 2,
      streams: { d: state('d?delta=old'), gone: state('gone?delta=x') },
      pass: null,
      seen: [],
    };
    h.saved.set('u1/sentitems', JSON.stringify(before));
    expect(await h.run('2024-05-01T12:00:00Z')).toEqual({ events: 1, completed: true });
    expect(h.requests).toEqual(['d?delta=old', 'd?from=2020-01-01T00:00:00.000Z', 'gone?delta=x']);
    // The re-read filters by the mark it had: what was emitted before is not emitted again.
    expect(h.marks).toEqual([Date.parse('2024-04-30T00:00:00Z')]);
    expect(h.cursor()?.streams).toEqual({
      d: { ...state('d?delta=new'), mark: '2024-05-01T12:00:00.000Z' },
      gone: state('gone?delta=x'),
    });

    // A scope whose every stream is skipped saves nothing.
    const only = harness({ 'gone?from=2000-01-01T00:00:00.000Z': page([], null, { action: 'skip' }) }, [
      delta('gone'),
    ]);
    expect(await only.run('2024-05-01T12:00:00Z')).toEqual({ events: 0, completed: true });
    expect(only.saves()).toBe(0);
  });
});
