import { formatIssues, PushpullError } from '@pushpull/core';
import { z } from 'zod';
import type { Connector, SyncContext, SyncSummary } from '../kit/connector';
import { redactingLog } from '../kit/redacting-log';
import { createGithubClient, statusOf } from './github-client';
import { listRepositories } from './list-repositories';
import { syncRepository } from './sync-repository';

/** The GitHub source (docs/contracts.md §7: GITHUB_TOKEN, GITHUB_API_URL, GITHUB_ORG, GITHUB_REPOS). */
export interface GithubConnectorConfig {
  /** A personal access token or a GitHub App installation token. */
  token: string;
  /** `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise Server. */
  apiUrl: string;
  /** Sync every repository of this organisation… */
  org?: string;
  /** …and/or these `owner/name` repositories. */
  repos: string[];
  /** Repositories synced at once. Default 4 (HTTP concurrency is capped at 10 per token anyway). */
  concurrency?: number;
  /** `per_page` of list requests (GitHub's maximum, 100, by default). */
  perPage?: number;
  /** Pull requests whose reviews are fetched at once. Default 4. */
  reviewConcurrency?: number;
  /** Base of the 5xx backoff in ms (base·1, base·4, base·9, …). Default 1,000. */
  retryBaseMs?: number;
  /**
   * Spacing between requests of the token (the connector's `requestSpacingMs`, used by runSync's
   * default budget). Default 67 ms: GitHub's secondary limit of 900 points a minute for REST GETs.
   * 0 turns pacing off (GitHub Enterprise Server without secondary limits, tests).
   */
  requestSpacingMs?: number;
}

/** GitHub's documented secondary limit for REST: 900 points a minute, 1 point per GET. */
export const GITHUB_REQUEST_SPACING_MS = 67;

const ConfigSchema = z.object({
  token: z.string().min(1, 'GITHUB_TOKEN is empty'),
  apiUrl: z.url({ protocol: /^https?$/ }),
  org: z.string().min(1).optional(),
  repos: z.array(z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'a repository is owner/name')),
  concurrency: z.number().int().min(1).max(100).optional(),
  perPage: z.number().int().min(1).max(100).optional(),
  reviewConcurrency: z.number().int().min(1).max(20).optional(),
  retryBaseMs: z.number().int().min(0).optional(),
  requestSpacingMs: z.number().int().min(0).optional(),
});

/**
 * The GitHub connector: collects pull requests, review requests, reviews, issues, assignments,
 * issue comments and review comments from every repository of `org` and/or `repos`, incrementally
 * (per-repository cursors with `since`, ETags, resumable page positions), within the token's rate
 * budget. A repository answering 401/403/404 is reported in `skipped` and the others go on; a
 * token GitHub refuses stops the run at once (GITHUB_UNAUTHORIZED).
 *
 * @example
 * const connector = createGithubConnector({ token, apiUrl: 'https://api.github.com', org: 'acme', repos: [] });
 * const summary = await runSync({ connector, store, sink: busSink(bus, names.raw) });
 */
export function createGithubConnector(config: GithubConnectorConfig): Connector {
  const parsed = ConfigSchema.safeParse(config);
  if (!parsed.success) {
    // formatIssues names fields and rules only; it never echoes the token's value.
    throw new PushpullError('CONFIG_INVALID', `GitHub source: ${formatIssues(parsed.error)}`);
  }
  if (!config.org && config.repos.length === 0) {
    throw new PushpullError('CONFIG_INVALID', 'GitHub source: set GITHUB_ORG or GITHUB_REPOS');
  }
  return {
    source: 'github',
    requestSpacingMs: config.requestSpacingMs ?? GITHUB_REQUEST_SPACING_MS,
    sync: (ctx) => syncGithub(config, ctx),
  };
}

async function syncGithub(config: GithubConnectorConfig, ctx: SyncContext): Promise<SyncSummary> {
  const log = redactingLog(ctx.log, [config.token]);
  const apiUrl = config.apiUrl.replace(/\/+$/, '');
  const perPage = config.perPage ?? 100;
  const client = createGithubClient({
    token: config.token,
    apiUrl,
    budget: ctx.budget,
    signal: ctx.signal,
    log,
    retryBaseMs: config.retryBaseMs,
  });
  const summary: SyncSummary = { events: 0, requests: 0, notModified: 0, scopes: 0, skipped: [] };
  const finish = () => ({
    ...summary,
    requests: client.stats.requests,
    notModified: client.stats.notModified,
  });

  try {
    // Free (not counted) and tells a bad token from a repository the token cannot see.
    await client.getJson(`${apiUrl}/rate_limit`);
  } catch (err) {
    if (statusOf(err) === 401) {
      throw new PushpullError(
        'GITHUB_UNAUTHORIZED',
        `GitHub at ${apiUrl} refused the token (401 Bad credentials): check GITHUB_TOKEN`,
        { apiUrl },
      );
    }
    // GitHub Enterprise Server without rate limiting answers 404; anything else shows up below.
    if (statusOf(err) !== 404) log('warn', { status: statusOf(err) }, 'rate limit check failed');
  }

  const repos = await listRepositories(client, {
    apiUrl,
    org: config.org,
    repos: config.repos,
    perPage,
    log,
  });
  log('info', { repos: repos.length, org: config.org ?? null }, 'github sync started');
  let done = 0;
  const progress = async (note: string) =>
    ctx.progress({
      scopesDone: done,
      scopesTotal: repos.length,
      events: summary.events,
      requests: client.stats.requests,
      rateLimitRemaining: await ctx.budget.remaining(),
      note,
    });

  let nextRepo = 0;
  const worker = async () => {
    while (nextRepo < repos.length && !ctx.signal.aborted) {
      const repo = repos[nextRepo++]!;
      try {
        const result = await syncRepository(repo, {
          ctx: { ...ctx, log },
          client,
          apiUrl,
          perPage,
          reviewConcurrency: config.reviewConcurrency ?? 4,
          onPage: async (events, note) => {
            summary.events += events;
            await progress(note);
          },
        });
        if (result.completed) {
          done++;
          summary.scopes++;
          await progress(`${repo} done`);
        }
      } catch (err) {
        if (ctx.signal.aborted) return;
        const status = statusOf(err);
        if (!(err instanceof PushpullError) || !err.code.startsWith('GITHUB_')) throw err;
        const reason =
          status === 401
            ? 'unauthorized (401)'
            : status === 403
              ? 'forbidden (403)'
              : status === 404
                ? 'not found (404)'
                : `failed: ${err.message}`;
        summary.skipped.push({ scope: repo, reason });
        log(
          status === 401 || status === 403 || status === 404 ? 'warn' : 'error',
          { repo, status },
          'repository skipped',
        );
        done++;
        await progress(`${repo} skipped`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(config.concurrency ?? 4, repos.length) }, worker));
  const result = finish();
  log(
    'info',
    {
      repos: repos.length,
      events: result.events,
      requests: result.requests,
      notModified: result.notModified,
      skipped: result.skipped.length,
    },
    'github sync finished',
  );
  return result;
}
