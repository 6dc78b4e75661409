import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiItem, type RepoSeed, recordedRepo } from './recorded-repo';

/** The token the double accepts unless `tokens` says otherwise. */
export const GITHUB_DOUBLE_TOKEN = 'ghp_doubleTokenForTestsOnly0000000000';

export interface GithubDoubleOptions {
  /** Repositories served. Default: the recorded panjf2000/ants history. */
  repos?: RepoSeed[];
  /** Organisation → repository full names for `/orgs/{org}/repos`. Default: grouped by owner. */
  orgs?: Record<string, string[]>;
  /** Accepted tokens (`Authorization: token …` or `Bearer …`). Default: [GITHUB_DOUBLE_TOKEN]. */
  tokens?: string[];
  /** Primary rate limit per window and token. Default 5,000 (GitHub's for a PAT). */
  rateLimit?: number;
  /** Length of the primary window. Default one hour. */
  rateWindowMs?: number;
  /** Secondary limit: concurrent requests per token. Default 100 (GitHub's documented figure). */
  maxConcurrent?: number;
  /** Secondary limit: requests (1 point per GET) per rolling minute and token. Default 900. */
  pointsPerMinute?: number;
  /** `retry-after` sent with secondary-limit answers. Default 60. */
  retryAfterSeconds?: number;
  /** Time every request spends in flight, in ms (GitHub takes ~100–300 ms). Default 0. */
  latencyMs?: number;
  /** The clock (ms since epoch) for rate windows and new timestamps. Default Date.now. */
  now?: () => number;
}

/** Faults the next requests get (one fault per request, counters consumed in turn). */
export interface GithubFaults {
  /** The next N requests get 403 "secondary rate limit" with `retry-after`. */
  secondaryLimit403?: number;
  /** The next N requests get 429 "secondary rate limit" with `retry-after`. */
  rateLimit429?: number;
  /** The next N requests get 502 Bad Gateway. */
  badGateway502?: number;
  /** Every request about these repositories gets 401 (replaces the previous list). */
  unauthorizedRepos?: string[];
  /** `retry-after` of injected 403/429s. Default: the double's `retryAfterSeconds`. */
  retryAfterSeconds?: number;
}

/** One request the double answered. */
export interface GithubRequestLogEntry {
  method: string;
  /** Path and query, e.g. `/repos/a/b/issues?state=all&page=2`. */
  path: string;
  status: number;
  /** The double's clock when it answered. */
  at: number;
  /** True when the request counted against the primary limit. */
  counted: boolean;
}

/** A comment to add to the double, as a person writes it. */
export interface NewIssueComment {
  login: string;
  body: string;
  /** Default: a stable id derived from the login. */
  userId?: number;
  /** Default 'User'; 'Bot' to add bot activity. */
  userType?: 'User' | 'Bot';
}

export interface GithubDouble {
  /** Base URL, e.g. `http://127.0.0.1:41234` (use as GITHUB_API_URL). */
  url: string;
  close(): Promise<void>;
  /** Adds an issue comment now, bumping the issue's (and its pull request's) `updated_at`. */
  addIssueComment(repo: string, issueNumber: number, comment: NewIssueComment): ApiItem;
  injectFaults(faults: GithubFaults): void;
  /** Every answered request, in order. */
  requestLog: GithubRequestLogEntry[];
  /** Requests left in the token's primary window. */
  rateLimitRemaining(token?: string): number;
}

interface RepoState extends RepoSeed {
  nextCommentId: number;
}

interface TokenState {
  windowStart: number;
  used: number;
  inFlight: number;
  /** Clock times of requests in the last minute (secondary points). */
  recent: number[];
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  counted?: boolean;
}

const DOCS = 'https://docs.github.com/rest';

/** GitHub's timestamp format: seconds, `Z`. */
function githubTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function str(item: ApiItem, field: string): string {
  const v = item[field];
  return typeof v === 'string' ? v : '';
}

function sortItems(items: ApiItem[], field: string, direction: 'asc' | 'desc'): ApiItem[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const byField = str(a, field).localeCompare(str(b, field));
    return sign * (byField !== 0 ? byField : a.id - b.id);
  });
}

function sinceFilter(items: ApiItem[], since: string | null): ApiItem[] {
  if (since === null) return items;
  const t = Date.parse(since);
  if (Number.isNaN(t)) return items;
  return items.filter((i) => Date.parse(str(i, 'updated_at')) >= t);
}

function stateFilter(items: ApiItem[], state: string | null): ApiItem[] {
  const wanted = state ?? 'open';
  return wanted === 'all' ? items : items.filter((i) => str(i, 'state') === wanted);
}

function direction(value: string | null, fallback: 'asc' | 'desc'): 'asc' | 'desc' {
  return value === 'asc' || value === 'desc' ? value : fallback;
}

/**
 * Starts an in-process HTTP server that answers like api.github.com for the endpoints pushpull
 * collects (docs/contracts.md §8.1): `Link` paging (`per_page` default 30, capped at 100), `since`, `state`,
 * `sort`/`direction`, weak ETags with 304 on `If-None-Match` (not counted against the limit),
 * `x-ratelimit-*` headers over a real per-token primary window, secondary limits (concurrency and
 * points per minute → 403 with `retry-after`), 401 for a bad token, 404 for unknown repositories,
 * and injectable 403/429/502/401 faults. See README.md for what was checked against GitHub's docs.
 *
 * @example
 * const gh = await startGithubDouble({ latencyMs: 5 });
 * // GITHUB_API_URL=gh.url GITHUB_TOKEN=GITHUB_DOUBLE_TOKEN …
 * gh.addIssueComment('panjf2000/ants', 5, { login: 'someone', body: 'Any news?' });
 * await gh.close();
 */
export async function startGithubDouble(options: GithubDoubleOptions = {}): Promise<GithubDouble> {
  const now = options.now ?? Date.now;
  const tokens = new Set(options.tokens ?? [GITHUB_DOUBLE_TOKEN]);
  const limit = options.rateLimit ?? 5000;
  const windowMs = options.rateWindowMs ?? 3_600_000;
  const maxConcurrent = options.maxConcurrent ?? 100;
  const pointsPerMinute = options.pointsPerMinute ?? 900;
  const retryAfter = options.retryAfterSeconds ?? 60;
  const latencyMs = options.latencyMs ?? 0;

  const repos = new Map<string, RepoState>();
  for (const seed of options.repos ?? [recordedRepo()]) {
    const maxId = Math.max(0, ...seed.issueComments.map((c) => c.id));
    repos.set(seed.fullName.toLowerCase(), { ...seed, nextCommentId: maxId + 1 });
  }
  const orgs = new Map<string, string[]>();
  if (options.orgs) {
    for (const [org, names] of Object.entries(options.orgs)) orgs.set(org.toLowerCase(), names);
  } else {
    for (const repo of repos.values()) {
      const owner = repo.fullName.split('/')[0]!.toLowerCase();
      orgs.set(owner, [...(orgs.get(owner) ?? []), repo.fullName]);
    }
  }

  const tokenStates = new Map<string, TokenState>();
  const faults = { secondaryLimit403: 0, rateLimit429: 0, badGateway502: 0, retryAfter };
  let unauthorizedRepos = new Set<string>();
  let faultTurn = 0;
  const requestLog: GithubRequestLogEntry[] = [];

  function tokenState(token: string): TokenState {
    let s = tokenStates.get(token);
    if (!s) {
      s = { windowStart: now(), used: 0, inFlight: 0, recent: [] };
      tokenStates.set(token, s);
    }
    if (now() >= s.windowStart + windowMs) {
      s.windowStart = now();
      s.used = 0;
    }
    return s;
  }

  function rateHeaders(s: TokenState): Record<string, string> {
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - s.used)),
      'x-ratelimit-used': String(s.used),
      'x-ratelimit-reset': String(Math.ceil((s.windowStart + windowMs) / 1000)),
      'x-ratelimit-resource': 'core',
    };
  }

  function secondary(status: 403 | 429, seconds: number): Answer {
    return {
      status,
      headers: { 'retry-after': String(seconds) },
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url: `${DOCS}/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
      },
    };
  }

  function nextFault(): Answer | null {
    const kinds = (['secondaryLimit403', 'rateLimit429', 'badGateway502'] as const).filter(
      (k) => faults[k] > 0,
    );
    if (kinds.length === 0) return null;
    const kind = kinds[faultTurn++ % kinds.length]!;
    faults[kind]--;
    if (kind === 'badGateway502') {
      return { status: 502, body: { message: 'Server Error' } };
    }
    return secondary(kind === 'secondaryLimit403' ? 403 : 429, faults.retryAfter);
  }

  function page(url: URL, items: ApiItem[]): Answer {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page')) || 30));
    const pageNo = Math.max(1, Number(url.searchParams.get('page')) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const body = items.slice((pageNo - 1) * perPage, pageNo * perPage);
    const link = (n: number) => {
      const u = new URL(url);
      u.searchParams.set('page', String(n));
      return u.toString();
    };
    const rels: string[] = [];
    if (pageNo < last) rels.push(`<${link(pageNo + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
    if (pageNo > 1) rels.push(`<${link(pageNo - 1)}>; rel="prev"`, `<${link(1)}>; rel="first"`);
    return { status: 200, body, headers: rels.length ? { link: rels.join(', ') } : {} };
  }

  function repoObject(fullName: string): ApiItem {
    const [owner, name] = fullName.split('/') as [string, string];
    return {
      id: Number.parseInt(createHash('sha256').update(fullName).digest('hex').slice(0, 8), 16),
      name,
      full_name: fullName,
      private: false,
      owner: { login: owner, type: 'Organization' },
      html_url: `https://github.com/${fullName}`,
      url: `https://api.github.com/repos/${fullName}`,
      archived: false,
      disabled: false,
      fork: false,
      has_issues: true,
    };
  }

  function route(url: URL): Answer {
    const parts = url.pathname.split('/').filter(Boolean);
    const q = (name: string) => url.searchParams.get(name);
    if (parts[0] === 'orgs' && parts.length === 3 && parts[2] === 'repos') {
      const names = orgs.get(parts[1]!.toLowerCase());
      if (!names) return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
      return page(
        url,
        [...names].sort().map((n) => repoObject(n)),
      );
    }
    if (parts[0] !== 'repos' || parts.length < 4) {
      return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
    }
    const fullName = `${parts[1]}/${parts[2]}`;
    if (unauthorizedRepos.has(fullName.toLowerCase())) {
      return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS } };
    }
    const repo = repos.get(fullName.toLowerCase());
    if (!repo) return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
    const rest = parts.slice(3).join('/');
    switch (rest) {
      case 'pulls': {
        const sort = q('sort') === 'updated' ? 'updated_at' : 'created_at';
        const dir = direction(q('direction'), q('sort') && q('sort') !== 'created' ? 'asc' : 'desc');
        return page(url, sortItems(stateFilter(repo.pulls, q('state')), sort, dir));
      }
      case 'issues': {
        const sort = q('sort') === 'updated' ? 'updated_at' : 'created_at';
        const items = sinceFilter(stateFilter(repo.issues, q('state')), q('since'));
        return page(url, sortItems(items, sort, direction(q('direction'), 'desc')));
      }
      case 'issues/comments':
      case 'pulls/comments': {
        const all = rest === 'issues/comments' ? repo.issueComments : repo.reviewComments;
        const sort = q('sort') === 'updated' ? 'updated_at' : 'created_at';
        const dir = q('sort') ? direction(q('direction'), 'desc') : 'asc';
        return page(url, sortItems(sinceFilter(all, q('since')), sort, dir));
      }
      case 'issues/events':
        return page(
          url,
          [...repo.issueEvents].sort((a, b) => b.id - a.id),
        );
    }
    const reviews = /^pulls\/(\d+)\/reviews$/.exec(rest);
    if (reviews) {
      const n = Number(reviews[1]);
      if (!repo.pulls.some((p) => p.number === n)) {
        return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
      }
      return page(
        url,
        [...(repo.reviews[n] ?? [])].sort((a, b) => a.id - b.id),
      );
    }
    return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
  }

  function answer(req: IncomingMessage, url: URL, token: string | null, crowded: boolean): Answer {
    if (token === null || !tokens.has(token)) {
      return {
        status: 401,
        body: {
          message: token === null ? 'Requires authentication' : 'Bad credentials',
          documentation_url: DOCS,
        },
      };
    }
    const s = tokenState(token);
    if (url.pathname === '/rate_limit') {
      const core = { limit, remaining: Math.max(0, limit - s.used), used: s.used };
      const reset = Math.ceil((s.windowStart + windowMs) / 1000);
      return {
        status: 200,
        body: { resources: { core: { ...core, reset } }, rate: { ...core, reset } },
        headers: rateHeaders(s),
      };
    }
    const t = now();
    while (s.recent.length > 0 && s.recent[0]! <= t - 60_000) s.recent.shift();
    if (crowded) return withRate(secondary(403, retryAfter), s);
    if (s.recent.length >= pointsPerMinute) {
      const wait = Math.max(1, Math.ceil((s.recent[0]! + 60_000 - t) / 1000));
      return withRate(secondary(403, wait), s);
    }
    s.recent.push(t);
    const fault = nextFault();
    if (fault) return withRate(fault, s);
    if (s.used >= limit) {
      return withRate(
        {
          status: 403,
          body: {
            message: 'API rate limit exceeded for user ID 1.',
            documentation_url: `${DOCS}/using-the-rest-api/rate-limits-for-the-rest-api`,
          },
        },
        s,
      );
    }
    if (req.method !== 'GET') {
      return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
    }
    const routed = route(url);
    if (routed.status !== 200) {
      if (routed.status !== 401) s.used++;
      return withRate({ ...routed, counted: routed.status !== 401 }, s);
    }
    const json = JSON.stringify(routed.body);
    const etag = `W/"${createHash('sha256')
      .update(json)
      .update(routed.headers?.link ?? '')
      .digest('hex')
      .slice(0, 32)}"`;
    const headers = { ...routed.headers, etag, 'cache-control': 'private, max-age=60, s-maxage=60' };
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch?.split(',').some((v) => v.trim() === etag)) {
      return withRate({ status: 304, headers }, s);
    }
    s.used++;
    return withRate({ status: 200, body: routed.body, headers, counted: true }, s);
  }

  function withRate(a: Answer, s: TokenState): Answer {
    return { ...a, headers: { ...rateHeaders(s), ...a.headers } };
  }

  function tokenOf(req: IncomingMessage): string | null {
    const auth = req.headers.authorization;
    if (!auth) return null;
    const m = /^(?:token|bearer)\s+(.+)$/i.exec(auth.trim());
    return m ? m[1]! : '';
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const token = tokenOf(req);
    const s = token !== null && tokens.has(token) ? tokenState(token) : null;
    if (s) s.inFlight++;
    // GitHub refuses requests beyond the concurrency limit when they arrive, not when they end.
    const crowded = s !== null && s.inFlight > maxConcurrent;
    try {
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      const a = answer(req, url, token, crowded);
      requestLog.push({
        method: req.method ?? 'GET',
        path: url.pathname + url.search,
        status: a.status,
        at: now(),
        counted: a.counted ?? false,
      });
      const headers: Record<string, string> = {
        'x-github-request-id': createHash('sha256').update(`${requestLog.length}`).digest('hex').slice(0, 20),
        vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
        ...a.headers,
      };
      if (a.status === 304 || a.body === undefined) {
        res.writeHead(a.status, headers).end();
        return;
      }
      res
        .writeHead(a.status, { ...headers, 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify(a.body));
    } finally {
      if (s) s.inFlight--;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: err instanceof Error ? err.message : String(err) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    requestLog,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    injectFaults(f) {
      faults.secondaryLimit403 += f.secondaryLimit403 ?? 0;
      faults.rateLimit429 += f.rateLimit429 ?? 0;
      faults.badGateway502 += f.badGateway502 ?? 0;
      if (f.retryAfterSeconds !== undefined) faults.retryAfter = f.retryAfterSeconds;
      if (f.unauthorizedRepos) unauthorizedRepos = new Set(f.unauthorizedRepos.map((r) => r.toLowerCase()));
    },
    rateLimitRemaining(token = GITHUB_DOUBLE_TOKEN) {
      return Math.max(0, limit - tokenState(token).used);
    },
    addIssueComment(repoName, issueNumber, comment) {
      const repo = repos.get(repoName.toLowerCase());
      if (!repo) throw new Error(`github double: unknown repository ${repoName}`);
      const issue = repo.issues.find((i) => i.number === issueNumber);
      const pull = repo.pulls.find((p) => p.number === issueNumber);
      if (!issue && !pull) throw new Error(`github double: ${repoName} has no issue #${issueNumber}`);
      const at = githubTime(now());
      const id = repo.nextCommentId++;
      const kind = pull ? 'pull' : 'issues';
      const userId =
        comment.userId ??
        Number.parseInt(createHash('sha256').update(comment.login).digest('hex').slice(0, 7), 16);
      const item: ApiItem = {
        url: `https://api.github.com/repos/${repo.fullName}/issues/comments/${id}`,
        html_url: `https://github.com/${repo.fullName}/${kind}/${issueNumber}#issuecomment-${id}`,
        issue_url: `https://api.github.com/repos/${repo.fullName}/issues/${issueNumber}`,
        id,
        node_id: `IC_${id}`,
        user: {
          login: comment.login,
          id: userId,
          type: comment.userType ?? 'User',
          site_admin: false,
          html_url: `https://github.com/${comment.login}`,
        },
        created_at: at,
        updated_at: at,
        author_association: 'NONE',
        body: comment.body,
        performed_via_github_app: null,
      };
      repo.issueComments.push(item);
      if (issue) {
        issue.updated_at = at;
        issue.comments = (typeof issue.comments === 'number' ? issue.comments : 0) + 1;
      }
      if (pull) pull.updated_at = at;
      return item;
    },
  };
}
