import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { PushpullError } from '@pushpull/core';
import type { RateBudget, SyncContext } from '../kit/connector';
import { rateBudgetKey } from '../kit/rate-budget-key';
import { nextPageUrl } from './next-page-url';

/** How the client talks to GitHub. */
export interface GithubClientOptions {
  token: string;
  /** `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise Server. */
  apiUrl: string;
  /** Spent before every HTTP request; told what GitHub said after it. */
  budget: RateBudget;
  /** Ends waits for budget early (not requests in flight). */
  signal?: AbortSignal;
  log: SyncContext['log'];
  /** Base of the 5xx backoff: waits base·1, base·4, base·9, … ms. Default 1,000. */
  retryBaseMs?: number;
  /** Retries of a 5xx or network failure. Default 4. */
  serverErrorRetries?: number;
  /** Retries after a primary or secondary rate limit answer. Default 5. */
  rateLimitRetries?: number;
}

/** One page of a list endpoint. `status` 304: unchanged since `etag`, no items. */
export interface GithubPage {
  status: 200 | 304;
  items: unknown[];
  next: string | null;
  etag: string | null;
}

/** Requests made by one client (every HTTP attempt, retries included). */
export interface GithubRequestStats {
  requests: number;
  notModified: number;
}

export interface GithubClient {
  /** GETs one page (absolute URL), conditionally when `etag` is given. Throws GITHUB_HTTP_ERROR. */
  getPage(url: string, etag?: string | null): Promise<GithubPage>;
  /** GETs a JSON object (e.g. `/rate_limit`). Throws GITHUB_HTTP_ERROR. */
  getJson(url: string): Promise<unknown>;
  readonly stats: GithubRequestStats;
}

const GithubOctokit = Octokit.plugin(retry, throttling);

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return '(bad url)';
  }
}

function header(headers: Record<string, unknown> | undefined, name: string): string | null {
  const v = headers?.[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

/** The HTTP status of an octokit error, or null for other errors. */
export function statusOf(err: unknown): number | null {
  const cause = err instanceof PushpullError ? err.cause : err;
  const status = (cause as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}

/**
 * A GitHub REST client on @octokit/rest with the throttling plugin (secondary limits:
 * `retry-after`, else 60 s; primary: wait for `x-ratelimit-reset`) and the retry plugin (5xx with
 * quadratic backoff). Every HTTP attempt first takes one unit of the shared RateBudget and then
 * feeds back `x-ratelimit-remaining`/`x-ratelimit-reset`; secondary-limit pauses go to the budget
 * too, so every worker on the token waits. Errors never carry the token (octokit redacts the
 * `authorization` header; messages hold only method, path and GitHub's message).
 *
 * @example
 * const gh = createGithubClient({ token, apiUrl: 'https://api.github.com', budget, log });
 * const page = await gh.getPage('https://api.github.com/repos/a/b/issues?state=all&per_page=100');
 */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const { budget, log, signal } = options;
  const stats: GithubRequestStats = { requests: 0, notModified: 0 };
  const rateLimitRetries = options.rateLimitRetries ?? 5;

  const budgetedFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    try {
      await budget.acquire(1, signal);
    } catch (cause) {
      // Octokit passes AbortErrors through untouched (no retries); anything else would be retried.
      throw Object.assign(new DOMException('the sync was stopped', 'AbortError'), { cause });
    }
    stats.requests++;
    const res = await fetch(input, init);
    const remaining = res.headers.get('x-ratelimit-remaining');
    const reset = res.headers.get('x-ratelimit-reset');
    if (remaining !== null && reset !== null && Number.isFinite(Number(remaining))) {
      await budget.update(Number(remaining), new Date(Number(reset) * 1000));
    }
    if (res.status === 304) stats.notModified++;
    return res;
  };

  const quiet = (message: string) => log('debug', { component: 'octokit' }, message);
  const octokit = new GithubOctokit({
    auth: options.token,
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    userAgent: 'pushpull-connector',
    request: { fetch: budgetedFetch },
    log: { debug: () => {}, info: () => {}, warn: quiet, error: quiet },
    throttle: {
      id: rateBudgetKey('github', options.token),
      onRateLimit: (retryAfter: number, o: { method: string; url: string }, _k: unknown, count: number) => {
        log(
          'warn',
          { path: pathOf(o.url), retryAfterSeconds: retryAfter, attempt: count + 1 },
          'primary rate limit spent',
        );
        return count < rateLimitRetries;
      },
      onSecondaryRateLimit: async (
        retryAfter: number,
        o: { method: string; url: string },
        _k: unknown,
        count: number,
      ) => {
        await budget.pauseUntil(new Date(Date.now() + retryAfter * 1000));
        log(
          'warn',
          { path: pathOf(o.url), retryAfterSeconds: retryAfter, attempt: count + 1 },
          'secondary rate limit',
        );
        return count < rateLimitRetries;
      },
    },
    retry: {
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      retries: options.serverErrorRetries ?? 4,
      retryAfterBaseValue: options.retryBaseMs ?? 1000,
    },
  });

  const failure = (err: unknown, url: string): PushpullError => {
    const status = statusOf(err);
    let reason = err instanceof Error ? err.message.split(' - ')[0]! : String(err);
    reason = reason.replaceAll(options.token, '[REDACTED]').slice(0, 200);
    return new PushpullError(
      'GITHUB_HTTP_ERROR',
      `GET ${pathOf(url)} failed: ${status ?? 'network'} ${reason}`,
      { status, path: pathOf(url) },
      { cause: err },
    );
  };

  return {
    stats,
    async getPage(url, etag) {
      try {
        const res = await octokit.request({
          method: 'GET',
          url,
          headers: etag ? { 'if-none-match': etag } : {},
        });
        if (!Array.isArray(res.data)) {
          throw new PushpullError('GITHUB_BAD_RESPONSE', `GET ${pathOf(url)}: expected a JSON array`, {
            path: pathOf(url),
          });
        }
        const headers = res.headers as Record<string, unknown>;
        return {
          status: 200,
          items: res.data,
          next: nextPageUrl(header(headers, 'link')),
          etag: header(headers, 'etag'),
        };
      } catch (err) {
        if (err instanceof PushpullError) throw err;
        if (statusOf(err) === 304) {
          const headers = (err as { response?: { headers?: Record<string, unknown> } }).response?.headers;
          return { status: 304, items: [], next: null, etag: header(headers, 'etag') ?? etag ?? null };
        }
        throw failure(err, url);
      }
    },
    async getJson(url) {
      try {
        return (await octokit.request({ method: 'GET', url })).data;
      } catch (err) {
        throw failure(err, url);
      }
    },
  };
}
