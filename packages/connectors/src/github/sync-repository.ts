import type { ActivityEvent } from '@pushpull/core';
import type { z } from 'zod';
import type { SyncContext } from '../kit/connector';
import { type DeclaredStream, runStreamPass } from '../kit/run-stream-pass';
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
 * One pass over one repository: declares a stream per endpoint of docs/contracts.md §8.1 (pulls,
 * with each pull request's reviews as its child, issues, issue comments, review comments, issue
 * events) — its first page's path and query from the endpoint's `since` (the cursor field) and how a
 * page's items map to events with pure functions — and the kit's `runStreamPass` runs them: paging by
 * `Link: rel="next"` from the newest change back to `since`, the first page sent with the last
 * pass's ETag (a 304 costs no rate limit), each page emitted before its cursor is saved, `since`
 * moved to the pass's start time (whole seconds) at the end.
 *
 * @example const { events } = await syncRepository('panjf2000/ants', deps);
 */
export async function syncRepository(repo: string, deps: RepoSyncDeps): Promise<RepoSyncResult> {
  const { ctx, client } = deps;
  const defaultSince = isoSeconds(ctx.since);

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

  const streams: DeclaredStream[] = GITHUB_PHASES.map((phase) => ({
    name: phase,
    firstPage: (since) => firstPageUrl(deps.apiUrl, repo, phase, since, deps.perPage),
    collect: (items, sinceMs) => collect(phase, items, sinceMs),
  }));
  return runStreamPass(ctx, {
    scope: repo,
    streams,
    async fetchPage(stream, url, etag) {
      try {
        return await client.getPage(url, etag);
      } catch (err) {
        // 410 Gone: issues are disabled on this repository; its issue endpoints are empty.
        if (statusOf(err) !== 410 || stream.name === 'pulls' || stream.name === 'review_comments') throw err;
        return { status: 200, items: [], next: null, etag: null };
      }
    },
    initialMark: defaultSince,
    markAt: isoSeconds,
    legacy: migrateRepoCursorV1,
    onPage: deps.onPage,
  });
}
