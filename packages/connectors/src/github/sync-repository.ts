import type { ActivityEvent } from '@pushpull/core';
import type { z } from 'zod';
import type { SyncContext } from '../kit/connector';
import {
  emptySyncCursor,
  readSyncCursor,
  type SyncCursor,
  type SyncPass,
  streamOf,
  writeSyncCursor,
} from '../kit/sync-cursor';
import { type GithubClient, statusOf } from './github-client';
import {
  type GithubIssue,
  type GithubIssueComment,
  GithubIssueCommentSchema,
  type GithubIssueEvent,
  GithubIssueEventSchema,
  GithubIssueSchema,
  type GithubPull,
  GithubPullSchema,
  type GithubReviewComment,
  GithubReviewCommentSchema,
  GithubReviewSchema,
} from './github-schemas';
import { mapIssue } from './map-issue';
import { mapIssueComment } from './map-issue-comment';
import { mapIssueEvent } from './map-issue-event';
import { mapPullRequest } from './map-pull-request';
import { mapReview } from './map-review';
import { mapReviewComment } from './map-review-comment';
import { GITHUB_PHASES, type GithubPhase, migrateRepoCursorV1 } from './repo-cursor';

/** What syncing one repository needs besides the repository. */
export interface RepoSyncDeps {
  ctx: SyncContext;
  client: GithubClient;
  apiUrl: string;
  perPage: number;
  /** Pull requests whose reviews are fetched at once. */
  reviewConcurrency: number;
  /** Called after each emitted page (and its cursor) is saved. */
  onPage(events: number, note: string): Promise<void>;
}

export interface RepoSyncResult {
  events: number;
  /** False when the run was stopped (signal) before the repository was done. */
  completed: boolean;
}

/** A `since` as GitHub shows times: whole seconds, rounded down (never later than asked). */
function isoSeconds(d: Date): string {
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function repoPath(repo: string): string {
  return repo
    .split('/')
    .map((p) => encodeURIComponent(p))
    .join('/');
}

/** The first page of an endpoint: newest changes first, so a resumed pass can only re-read, never skip. */
function firstPageUrl(
  apiUrl: string,
  repo: string,
  phase: GithubPhase,
  since: string,
  perPage: number,
): string {
  const base = `${apiUrl.replace(/\/+$/, '')}/repos/${repoPath(repo)}`;
  const params = new URLSearchParams();
  let path: string;
  switch (phase) {
    case 'pulls':
      path = '/pulls';
      params.set('state', 'all');
      params.set('sort', 'updated');
      params.set('direction', 'desc');
      break;
    case 'issues':
      path = '/issues';
      params.set('state', 'all');
      params.set('sort', 'updated');
      params.set('direction', 'desc');
      params.set('since', since);
      break;
    case 'issue_comments':
    case 'review_comments':
      path = phase === 'issue_comments' ? '/issues/comments' : '/pulls/comments';
      params.set('sort', 'updated');
      params.set('direction', 'desc');
      params.set('since', since);
      break;
    case 'issue_events':
      path = '/issues/events';
      break;
  }
  params.set('per_page', String(perPage));
  return `${base}${path}?${params.toString()}`;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * One pass over one repository: for each endpoint of docs/contracts.md §8.1 (pulls + their reviews, issues,
 * issue comments, review comments, issue events), pages by `Link: rel="next"` from the newest
 * change back to the endpoint's `since`, maps the items with pure functions, emits each page and
 * only then saves the cursor (the kit's SyncCursor: pass position + ETags). At the end, each endpoint's `since` becomes
 * the pass's start time. Conditional requests: the first page of each endpoint is sent with the
 * ETag of the last pass; a 304 means nothing changed and costs no rate limit.
 *
 * @example const { events } = await syncRepository('panjf2000/ants', deps);
 */
export async function syncRepository(repo: string, deps: RepoSyncDeps): Promise<RepoSyncResult> {
  const { ctx, client } = deps;
  const read = readSyncCursor(await ctx.cursors.get(repo), migrateRepoCursorV1);
  if (read.status === 'unreadable')
    ctx.log('warn', { repo }, 'unreadable cursor, starting this repository afresh');
  if (read.status === 'migrated') ctx.log('info', { repo }, 'cursor of an older version read and migrated');
  const cursor: SyncCursor = read.cursor ?? emptySyncCursor();
  const resumed = cursor.pass !== null && (GITHUB_PHASES as readonly string[]).includes(cursor.pass.stream);
  const pass: SyncPass = resumed
    ? cursor.pass!
    : { startedAt: ctx.runStartedAt.toISOString(), stream: 'pulls', changed: [], newest: null, seen: [] };
  cursor.pass = pass;
  if (resumed) ctx.log('info', { repo, phase: pass.stream }, 'resuming an interrupted pass');
  const save = () => ctx.cursors.set(repo, writeSyncCursor(cursor));
  const defaultSince = isoSeconds(ctx.since);
  const alreadyEmitted = new Set(cursor.seen.map((r) => r.id));
  const boundaryMs = Date.parse(isoSeconds(new Date(pass.startedAt)));
  let emitted = 0;

  const parseAll = <S extends z.ZodType>(schema: S, items: unknown[], phase: GithubPhase): z.infer<S>[] => {
    const ok: z.infer<S>[] = [];
    for (const item of items) {
      const r = schema.safeParse(item);
      if (r.success) ok.push(r.data);
      else
        ctx.log(
          'warn',
          { repo, phase, id: (item as { id?: unknown })?.id },
          'skipped an unexpected API item',
        );
    }
    return ok;
  };

  const fetchReviews = async (pr: GithubPull, sinceMs: number): Promise<ActivityEvent[]> => {
    const events: ActivityEvent[] = [];
    let url: string | null =
      `${deps.apiUrl.replace(/\/+$/, '')}/repos/${repoPath(repo)}/pulls/${pr.number}/reviews?per_page=${deps.perPage}`;
    while (url) {
      let page: Awaited<ReturnType<GithubClient['getPage']>>;
      try {
        page = await client.getPage(url);
      } catch (err) {
        if (statusOf(err) === 404 || statusOf(err) === 410) {
          ctx.log(
            'warn',
            { repo, number: pr.number, status: statusOf(err) },
            'reviews of a pull request are gone',
          );
          return events;
        }
        throw err;
      }
      for (const review of parseAll(GithubReviewSchema, page.items, 'pulls')) {
        const e = mapReview(repo, review, pr);
        if (e && Date.parse(e.occurredAt) >= sinceMs) events.push(e);
      }
      url = page.next;
    }
    return events;
  };

  const collect = async (
    phase: GithubPhase,
    items: unknown[],
    sinceMs: number,
  ): Promise<{ events: ActivityEvent[]; stop: boolean }> => {
    const after = (e: ActivityEvent | null): e is ActivityEvent =>
      e !== null && Date.parse(e.occurredAt) >= sinceMs;
    switch (phase) {
      case 'pulls': {
        const pulls = parseAll(GithubPullSchema, items, phase);
        const fresh = pulls.filter((p) => Date.parse(p.updated_at) >= sinceMs);
        const reviews = await mapLimit(fresh, deps.reviewConcurrency, (pr) => fetchReviews(pr, sinceMs));
        const events = fresh.flatMap((pr, i) => [mapPullRequest(repo, pr), ...reviews[i]!]).filter(after);
        // Sorted by update time, newest first: an older one means the rest is older too.
        return { events, stop: fresh.length < pulls.length };
      }
      case 'issues':
        return {
          events: parseAll(GithubIssueSchema, items, phase)
            .map((i: GithubIssue) => mapIssue(repo, i))
            .filter(after),
          stop: false,
        };
      case 'issue_comments':
        return {
          events: parseAll(GithubIssueCommentSchema, items, phase)
            .map((c: GithubIssueComment) => mapIssueComment(repo, c))
            .filter(after),
          stop: false,
        };
      case 'review_comments':
        return {
          events: parseAll(GithubReviewCommentSchema, items, phase)
            .map((c: GithubReviewComment) => mapReviewComment(repo, c))
            .filter(after),
          stop: false,
        };
      case 'issue_events': {
        const all = parseAll(GithubIssueEventSchema, items, phase);
        // No `since` on this endpoint and its order is "generally newest first": stop only after a
        // page holding nothing new.
        const stop = all.every((e: GithubIssueEvent) => Date.parse(e.created_at) < sinceMs);
        return { events: all.map((e) => mapIssueEvent(repo, e)).filter(after), stop };
      }
    }
  };

  for (let i = GITHUB_PHASES.indexOf(pass.stream as GithubPhase); i < GITHUB_PHASES.length; i++) {
    const phase = GITHUB_PHASES[i]!;
    const following = GITHUB_PHASES[i + 1] ?? phase;
    const state = streamOf(cursor, phase);
    if (pass.stream !== phase) {
      pass.stream = phase;
      state.next = null;
    }
    const since = state.mark ?? defaultSince;
    const sinceMs = Date.parse(since);
    const first = firstPageUrl(deps.apiUrl, repo, phase, since, deps.perPage);
    let url: string | null = state.next ?? first;
    while (url !== null) {
      if (ctx.signal.aborted) return { events: emitted, completed: false };
      const isFirst = url === first;
      let page: Awaited<ReturnType<GithubClient['getPage']>>;
      try {
        page = await client.getPage(url, isFirst && state.etag?.url === url ? state.etag.tag : null);
      } catch (err) {
        // 410 Gone: issues are disabled on this repository; its issue endpoints are empty.
        if (statusOf(err) !== 410 || phase === 'pulls' || phase === 'review_comments') throw err;
        page = { status: 200, items: [], next: null, etag: null };
      }
      if (isFirst) state.etag = page.etag ? { url, tag: page.etag } : null;
      let next: string | null = null;
      let events: ActivityEvent[] = [];
      if (page.status === 200) {
        if (page.items.length > 0 && !pass.changed.includes(phase)) pass.changed.push(phase);
        const collected = await collect(phase, page.items, sinceMs);
        events = collected.events.filter((e) => !alreadyEmitted.has(e.id));
        for (const e of events) {
          if (Date.parse(e.occurredAt) >= boundaryMs)
            pass.seen.push({ id: e.id, at: e.occurredAt, stream: phase });
        }
        next = collected.stop ? null : page.next;
      }
      await ctx.emit(events);
      emitted += events.length;
      state.next = next;
      if (next === null) pass.stream = following;
      await save();
      await deps.onPage(events.length, `${repo} ${phase}${page.status === 304 ? ' (not modified)' : ''}`);
      url = next;
    }
  }

  for (const phase of GITHUB_PHASES) {
    const state = streamOf(cursor, phase);
    state.mark = pass.changed.includes(phase)
      ? isoSeconds(new Date(pass.startedAt))
      : (state.mark ?? defaultSince);
    state.next = null;
  }
  const seen = new Map<string, SyncCursor['seen'][number]>();
  for (const r of [...cursor.seen, ...pass.seen]) {
    const mark = cursor.streams[r.stream]?.mark;
    if (mark && Date.parse(r.at) >= Date.parse(mark)) seen.set(r.id, r);
  }
  cursor.seen = [...seen.values()];
  cursor.pass = null;
  await ctx.cursors.set(repo, writeSyncCursor(cursor));
  return { events: emitted, completed: true };
}
