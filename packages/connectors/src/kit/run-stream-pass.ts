import type { ActivityEvent } from '@pushpull/core';
import type { SyncContext } from './connector';
import {
  emptySyncCursor,
  type LegacyCursorReader,
  readSyncCursor,
  type SyncCursor,
  type SyncPass,
  streamOf,
  writeSyncCursor,
} from './sync-cursor';

/** One page of a stream as the connector's client read it: 304 = not modified since the ETag. */
export interface StreamPage {
  status: number;
  items: unknown[];
  /** The next page's request (a URL, or what the connector's `fetchPage` reads, e.g. a Slack `latest`), or null on the last page. */
  next: string | null;
  /** The page's ETag, when the API gives one. */
  etag: string | null;
  /**
   * Optional, for a `delta` stream: on its last page (`next` null), the request its next pass starts
   * with (Graph's `@odata.deltaLink`), kept in the stream's `next` between passes.
   */
  nextPass?: string | null;
  /**
   * Optional: what the kit does instead of reading the page (its items and `next` are ignored).
   * - `skip`: this pass leaves the stream as it was last saved (mark not moved; the next pass tries
   *   again from there) and goes on with the scope's next stream; when every stream of the scope was
   *   skipped, the pass saves nothing (a user without a mailbox: Graph's 404/403).
   * - `restart`: the stream starts over from its first page (a delta stream: from its origin), its mark
   *   kept so what was emitted is not emitted again (Graph's 410 on an expired delta link). The
   *   connector decides how often it restarts (it throws instead).
   */
  action?: 'skip' | 'restart';
}

/**
 * A stream a connector declares for a scope: where its pages start (path and query, from the
 * watermark of its cursor field) and how a page's items become events — fetching their child
 * streams (a pull request's reviews) on the way.
 */
export interface DeclaredStream {
  readonly name: string;
  /**
   * The request of the stream's first page, reading what changed from `mark` on (a `delta` stream:
   * from its origin); null when the stream has nothing to read this pass (no request is made; e.g.
   * Slack with no watched thread).
   */
  firstPage(mark: string): string | null;
  /**
   * Optional: a delta query (Microsoft Graph), whose pass reads what changed since the link the previous
   * pass ended with (`StreamPage.nextPass`, kept in the stream's `next`). Its first pass — and a
   * `restart` — starts at `firstPage(origin)`, the origin being where its first sync started
   * (`initialMark`, kept in the stream's `origin`). Its mark only says before when everything created
   * was emitted: null (`collect` gets -Infinity) until a pass completes, then the pass's start
   * (`markAt`), moved by every completed pass whether or not it saw changes.
   */
  readonly delta?: boolean;
  /**
   * The events of one page, newer than `markMs`, children included; `stop` when the rest of the
   * stream is older than the mark (a list sorted newest first).
   */
  collect(items: unknown[], markMs: number): Promise<{ events: ActivityEvent[]; stop: boolean }>;
  /**
   * Optional (Slack): the stream's mark is a value of the source's items (the newest message ts,
   * assigned on the source's clock), not the pass's start. Given a page's items and the newest value
   * the pass has seen so far (`pass.newest`, null at first), returns the newest now; at the pass's
   * end the stream's mark moves to it (and stays where it was when the pass saw none), whether or not
   * the stream changed. At most one stream of a scope declares it (the pass keeps one `newest`).
   */
  newestOf?(items: unknown[], newest: string | null): string | null;
}

/** One scope's declared streams and how to read them. */
export interface StreamScope {
  scope: string;
  streams: readonly DeclaredStream[];
  /** Reads one page of a stream; `etag` (the first page's last ETag) asks for a 304 when unchanged. */
  fetchPage(stream: DeclaredStream, url: string, etag: string | null): Promise<StreamPage>;
  /** The mark of a stream never synced (from `ctx.since`). */
  initialMark: string;
  /**
   * The mark a stream that saw changes gets when a pass ends, from the pass's start (the start, not
   * the end: nothing that changed during the pass is missed). Items at or after it are remembered as
   * `seen`, so an API whose times are coarser than the mark does not emit them twice.
   */
  markAt(passStartedAt: Date): string;
  /** Reads cursors of the connector's older format. */
  legacy?: LegacyCursorReader;
  /** Called after each page was emitted and its cursor saved. */
  onPage(events: number, note: string): Promise<void>;
  /**
   * Optional (Slack): called once with the cursor the pass runs on, before the first page, so the
   * connector's streams can read and update child cursors (`streams.{name}.children`, e.g. thread →
   * newest reply ts) as they collect; every save after a page writes them with the page.
   */
  onCursor?(cursor: SyncCursor): void;
  /**
   * Optional (Slack): the marks are exact values read exclusively (Slack ts), so no source time is
   * coarser than a mark: no ids are remembered as `seen` at the edge. Default false.
   */
  exactMarks?: boolean;
}

/** What a pass over one scope did. */
export interface StreamPassResult {
  events: number;
  /** False when the run was stopped (signal) before the scope was done. */
  completed: boolean;
}

/**
 * The kit's loop over one scope: walks its declared streams in order, each from its mark, paging by
 * the `next` each page gives, with the first page's ETag (a 304 costs nothing); emits each page and
 * only then saves the cursor (the stream's next page, in the kit's one format), so a killed sync
 * resumes at the next page; stops between pages when aborted. At the end of the pass each stream that
 * saw changes moves its mark to the pass's start, and the cursor keeps the ids seen at the edge.
 * Sources with their own cursor values (Slack ts) use the optional `newestOf`, `onCursor` (child
 * cursors) and `exactMarks`; delta queries (Graph) use `DeclaredStream.delta` and pages that skip or
 * restart their stream (`StreamPage.action`); GitHub uses none of them.
 *
 * @example const { completed } = await runStreamPass(ctx, { scope: 'acme/api', streams, fetchPage, initialMark, markAt, onPage });
 */
export async function runStreamPass(ctx: SyncContext, s: StreamScope): Promise<StreamPassResult> {
  const { scope, streams } = s;
  const read = readSyncCursor(await ctx.cursors.get(scope), s.legacy);
  if (read.status === 'unreadable')
    ctx.log('warn', { scope }, 'unreadable cursor, starting this scope afresh');
  if (read.status === 'migrated') ctx.log('info', { scope }, 'cursor of an older version read and migrated');
  const cursor: SyncCursor = read.cursor ?? emptySyncCursor();
  s.onCursor?.(cursor);
  const names = streams.map((d) => d.name);
  const resumed = cursor.pass !== null && names.includes(cursor.pass.stream);
  const first = streams[0];
  if (!first) return { events: 0, completed: true };
  const pass: SyncPass = resumed
    ? (cursor.pass as SyncPass)
    : { startedAt: ctx.runStartedAt.toISOString(), stream: first.name, changed: [], newest: null, seen: [] };
  cursor.pass = pass;
  if (resumed) ctx.log('info', { scope, stream: pass.stream }, 'resuming an interrupted pass');
  const alreadyEmitted = new Set(cursor.seen.map((r) => r.id));
  const boundaryMs = Date.parse(s.markAt(new Date(pass.startedAt)));
  let emitted = 0;
  /** Streams a page's `skip` action left as they were last saved. */
  const skipped = new Set<string>();
  const save = () => ctx.cursors.set(scope, writeSyncCursor(cursor));

  for (let i = names.indexOf(pass.stream); i < streams.length; i++) {
    const stream = streams[i]!;
    const following = streams[i + 1]?.name ?? stream.name;
    const state = streamOf(cursor, stream.name);
    if (pass.stream !== stream.name) {
      pass.stream = stream.name;
      // A delta stream's `next` between passes is its delta link: where this pass starts.
      if (!stream.delta) state.next = null;
    }
    const mark = state.mark ?? s.initialMark;
    const origin = state.origin ?? s.initialMark;
    const markMs = stream.delta
      ? state.mark === null
        ? Number.NEGATIVE_INFINITY
        : Date.parse(state.mark)
      : Date.parse(mark);
    const firstUrl = stream.firstPage(stream.delta ? origin : mark);
    let url: string | null = state.next ?? firstUrl;
    while (url !== null) {
      if (ctx.signal.aborted) return { events: emitted, completed: false };
      const isFirst = url === firstUrl;
      const page = await s.fetchPage(stream, url, isFirst && state.etag?.url === url ? state.etag.tag : null);
      if (page.action === 'skip') {
        skipped.add(stream.name);
        pass.stream = following;
        break;
      }
      if (page.action === 'restart') {
        state.next = null;
        await save();
        url = firstUrl;
        continue;
      }
      if (isFirst) state.etag = page.etag ? { url, tag: page.etag } : null;
      let next: string | null = null;
      let events: ActivityEvent[] = [];
      if (page.status === 200) {
        if (page.items.length > 0 && !pass.changed.includes(stream.name)) pass.changed.push(stream.name);
        const collected = await stream.collect(page.items, markMs);
        events = collected.events.filter((e) => !alreadyEmitted.has(e.id));
        if (stream.newestOf) pass.newest = stream.newestOf(page.items, pass.newest);
        for (const e of s.exactMarks ? [] : events) {
          if (Date.parse(e.occurredAt) >= boundaryMs) {
            pass.seen.push({ id: e.id, at: e.occurredAt, stream: stream.name });
          }
        }
        next = collected.stop ? null : page.next;
        if (stream.delta) state.origin ??= origin;
      }
      await ctx.emit(events);
      emitted += events.length;
      state.next = next;
      if (next === null) {
        pass.stream = following;
        // Kept at once: a sync killed before the pass's end resumes at the delta link.
        if (stream.delta) state.next = page.nextPass ?? null;
      }
      await save();
      await s.onPage(events.length, `${scope} ${stream.name}${page.status === 304 ? ' (not modified)' : ''}`);
      url = next;
    }
  }

  // Every stream skipped: nothing of this pass is kept (the cursor stays as last saved).
  if (skipped.size === streams.length) return { events: emitted, completed: true };
  const nextMark = s.markAt(new Date(pass.startedAt));
  for (const stream of streams) {
    const state = streamOf(cursor, stream.name);
    if (stream.delta) {
      if (!skipped.has(stream.name)) state.mark = nextMark;
      continue;
    }
    if (skipped.has(stream.name)) {
      // Left as it was last saved.
    } else if (stream.newestOf) state.mark = pass.newest ?? state.mark ?? s.initialMark;
    else state.mark = pass.changed.includes(stream.name) ? nextMark : (state.mark ?? s.initialMark);
    state.next = null;
  }
  const seen = new Map<string, SyncCursor['seen'][number]>();
  for (const r of [...cursor.seen, ...pass.seen]) {
    const streamMark = cursor.streams[r.stream]?.mark;
    if (streamMark && Date.parse(r.at) >= Date.parse(streamMark)) seen.set(r.id, r);
  }
  cursor.seen = [...seen.values()];
  cursor.pass = null;
  await save();
  return { events: emitted, completed: true };
}
