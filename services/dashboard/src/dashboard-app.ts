import { isPushpullError, subjectHash } from '@pushpull/core';
import { type DependencyHealth, healthzResponse } from '@pushpull/runtime';
import {
  installationKey,
  type OrgMember,
  PSEUDONYM_PATTERN,
  type Pseudonymiser,
  pseudonymOf,
  queryOrgAsOf,
  type Store,
} from '@pushpull/store';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  type Access,
  leaderPageAccess,
  MIN_GROUP_SIZE,
  overviewAccess,
  pipelineAccess,
  teamAccess,
} from './access-policy';
import type { AuthUser } from './basic-auth';
import { clientAddress } from './client-address';
import { coalescedRead } from './coalesced-read';
import { readDataVersion, readUnlessWritten } from './data-version';
import { leaderPageReport } from './leader-page-report';
import { type LeaderSummary, leadersReport } from './leaders-report';
import { LoginThrottle, type LoginThrottleOptions } from './login-throttle';
import { OrgIndex } from './org-index';
import { parseOverviewQuery, unknownFilter } from './overview-query';
import { overviewReport } from './overview-report';
import { periodWindow } from './period-window';
import { type PipelineHealthSource, pipelineHealthReport } from './pipeline-health';
import { renderLeadersPage } from './render-leaders-page';
import { ReportCache, type ReportCacheOptions } from './report-cache';
import { requestOrigin } from './request-origin';
import {
  checkCredentials,
  type LoginFailure,
  SESSION_COOKIE,
  SessionStore,
  sessionOrBasicAuth,
  tooManyAttempts,
} from './session-auth';
import { type TeamListEntry, teamReport } from './team-report';
import type { UserInbox } from './user-inbox';
import { keepUserRowsInMemory } from './user-row-cache';
import { ViewAuditLog } from './view-audit-log';
import type { WebBundle } from './web-bundle';

export interface DashboardAppOptions {
  store: Store;
  logger: Logger;
  /** Text of the Prometheus exposition, served on /metrics. */
  metricsText?: () => Promise<string>;
  /**
   * The dependencies of the process (Postgres, Kafka, Redis) that `/healthz` reports on: 503 naming
   * the failing one while it is unreachable. Without it `/healthz` is always 200.
   */
  dependencies?: DependencyHealth;
  now?: () => Date;
  /** The built web UI (see ensureWebBundle); without it `/` says the UI is not built. */
  web?: WebBundle;
  /** Pipeline state of the process (lag, DLQ, errors) for the pipeline health page. */
  health?: PipelineHealthSource;
  /** Session lifetime in ms. Default 12 hours. */
  sessionTtlMs?: number;
  /**
   * Adds `Secure` to the session cookie always (true) or never (false). Default: when the login came over
   * HTTPS, or with `trustProxy` when the proxy's `X-Forwarded-Proto` says `https`.
   */
  secureCookies?: boolean;
  /**
   * The cache of `/api/leaders` and `/api/overview` answers (see `ReportCache`): kept per request
   * inputs and data version (`readDataVersion`), so concurrent readers share one computation.
   * False computes every request. Default on, 8 entries per endpoint, 30 s time to live.
   */
  reportCache?: false | ReportCacheOptions;
  /**
   * Embedded (PGlite) mode: the inbox through which `pushpull users add|remove` hand login changes to this
   * process (its watcher applies them as their files appear); with it, the login rows are kept in memory and
   * forgotten after each applied change.
   */
  userInbox?: UserInbox;
  /**
   * Login rate limiting (login page and HTTP Basic) per username and per client address: see LoginThrottle.
   * Default 10 failures per username and 20 per address within 15 minutes, on the app's clock.
   */
  loginThrottle?: LoginThrottleOptions;
  /**
   * PUSHPULL_TRUST_PROXY: a reverse proxy in front sets `X-Forwarded-For` (the client address of rate limiting
   * and the failure log) and `X-Forwarded-Proto` (`https`: the session cookie is `Secure`). Default false:
   * those headers are ignored.
   */
  trustProxy?: boolean;
  /**
   * Where answers that show a named person are audited (`dashboard.view` rows, docs/security.md). Give one
   * to flush or close it (the service closes it on stop; tests flush it). Default: one on the store, on
   * the app's clock.
   */
  viewAudit?: ViewAuditLog;
}

type Env = { Variables: { user: AuthUser } };

/** The largest request body any route takes (a login is a few hundred bytes). */
export const MAX_BODY_BYTES = 16 * 1024;

const LoginBody = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) });

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * JSON with `<`, `>` and `&` escaped as \u003c… so that no response body ever carries markup,
 * whatever a name in the org chart contains.
 */
function safeJson(c: Context, data: unknown, status: 200 | 400 | 401 | 403 | 404 | 415 = 200) {
  return jsonBody(c, safeJsonText(data), status);
}

/** The JSON text `safeJson` sends, for answers kept ready-serialised. */
function safeJsonText(data: unknown): string {
  return JSON.stringify(data)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026');
}

function jsonBody(c: Context, body: string, status: 200 | 400 | 401 | 403 | 404 | 415 = 200) {
  return c.body(body, status, { 'content-type': 'application/json; charset=utf-8' });
}

/** A computed leaders report, with its JSON for readers who see every row. */
interface LeadersAnswer {
  leaders: LeaderSummary[];
  json: string;
}

/** A computed overview: its JSON, and how many leaders it shows (for the view audit). */
interface OverviewAnswer {
  json: string;
  leaders: number;
}

/**
 * True for readers who get pseudonyms instead of names (analysts, and any role without names). Admins
 * see names; leaders see only themselves (and their own teams) by name.
 */
const pseudonymisedFor = (user: AuthUser) => user.role !== 'admin' && user.role !== 'leader';

/**
 * The dashboard's HTTP app (docs/contracts.md §9): `/healthz` (200, or 503 naming the dependency that is
 * down: see `healthzResponse`) and `/metrics` (both open, no personal data), the
 * web UI (`/`, `/assets/*`: static, no data), `POST /api/login` / `POST /api/logout` (session
 * cookie), and every other `/api/*` behind a session or HTTP Basic, authorised per route:
 * - `/api/me`; `/api/leaders?period=P` (docs/contracts.md §9; leaders see only themselves, analysts
 *   pseudonyms: `pseudonymOf` of @pushpull/store, the analytics views' `person_id`, no name, no email);
 * - `/api/overview?department=D&level=N` (admins; analysts pseudonymised; a bad filter is a 400
 *   naming the parameter); `/api/leaders/:id` (admins, the leader);
 * - `/api/teams`, `/api/teams/:leaderId` (teams below the minimum group size only for admins; analysts
 *   list and open teams by pseudonym);
 * - `/api/pipeline` (admins).
 * Every answer that shows someone by name is audited (`dashboard.view`, see `ViewAuditLog`).
 *
 * @example serve({ fetch: createDashboardApp({ store, logger }).fetch, port: 3000 });
 */
export function createDashboardApp(options: DashboardAppOptions): Hono<Env> {
  const { store, logger } = options;
  const now = options.now ?? (() => new Date());
  const sessions = new SessionStore(options.sessionTtlMs, () => now().getTime());
  const trustProxy = options.trustProxy ?? false;
  const throttle = new LoginThrottle({ now: () => now().getTime(), ...options.loginThrottle });
  const addressOf = (c: Context) => clientAddress(c, trustProxy);
  // one line per failed or refused login: who and from where, never the password
  const onFailure = (failure: LoginFailure) =>
    logger.warn({ ...failure, username: failure.username.slice(0, 100) }, 'login failed');
  const app = new Hono<Env>();
  // Answers are cached BEFORE any per-user filtering (leaders) and per role (admins see names,
  // analysts pseudonyms), so that no reader is served an answer computed for another.
  const cacheOptions = options.reportCache === false ? null : (options.reportCache ?? {});
  const leadersCache = cacheOptions ? new ReportCache<LeadersAnswer>(cacheOptions) : null;
  const overviewCache = cacheOptions ? new ReportCache<OverviewAnswer>(cacheOptions) : null;
  const orgCache = cacheOptions ? new ReportCache<OrgIndex>(cacheOptions) : null;
  const dataVersion = readUnlessWritten(
    store.writeCount,
    coalescedRead(() => readDataVersion(store)),
  );
  const cached = async <V>(
    cache: ReportCache<V> | null,
    key: string,
    version: string | null,
    compute: () => Promise<V>,
  ): Promise<V> => (cache && version !== null ? cache.get(key, version, compute) : compute());
  // The installation key, read once (a failed read is retried by the next request).
  let key: Promise<string> | null = null;
  const keyOf = () => {
    key ??= installationKey(store.db).catch((err: unknown) => {
      key = null;
      throw err;
    });
    return key;
  };
  const aliasOf = async (): Promise<Pseudonymiser> => {
    const k = await keyOf();
    return (personId) => pseudonymOf(k, personId);
  };
  // The keyed hash of a person's address, as erasure writes it (`pushpull audit` readers can match it).
  const subjectOf = async (person: OrgMember) => subjectHash(await keyOf(), person.email);
  const viewAudit =
    options.viewAudit ??
    new ViewAuditLog(store.db, {
      now,
      onError: (err, rows) =>
        logger.error(
          { rows, err: { message: err instanceof Error ? err.message : String(err) } },
          'dashboard view audit not written',
        ),
    });
  /** Audits an answer that named `people` people (nothing when it named nobody). */
  const viewed = (
    user: AuthUser,
    route: string,
    period: string | null,
    people: number,
    subjectHash: string | null = null,
  ) => {
    if (people > 0) viewAudit.record({ username: user.username, route, period, people, subjectHash });
  };

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
  });

  app.get('/healthz', async (c) => {
    const { status, body } = await healthzResponse(options.dependencies);
    c.header('Cache-Control', 'no-store');
    return c.json(body, status);
  });
  app.get('/metrics', async (c) => c.text(options.metricsText ? await options.metricsText() : ''));

  const page = (c: Context) => {
    const index = options.web?.get('/index.html');
    if (!index) return c.text('the dashboard UI is not built (see services/dashboard/web)', 503);
    c.header('Content-Security-Policy', CSP);
    return c.body(index.body.toString('utf8'), 200, { 'content-type': index.type });
  };
  app.get('/', page);
  app.get('/index.html', page);
  app.get('/assets/*', (c) => {
    const file = options.web?.get(c.req.path);
    if (!file) return c.text('not found', 404);
    return c.body(new Uint8Array(file.body), 200, {
      'content-type': file.type,
      'cache-control': 'public, max-age=31536000, immutable',
    });
  });

  // No route takes more than a login's body: larger ones are refused as they arrive (by Content-Length, or
  // counting a chunked body), never buffered whole.
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json({ error: `request body over ${MAX_BODY_BYTES} bytes` }, 413),
  });
  app.use('/api/*', limitBody);
  app.use('/report/*', limitBody);

  if (options.userInbox) {
    // Every login change reaches this process through the inbox, whose watcher (startDashboardService) applies
    // it before the waiting command hears its result: the rows requests read can be kept.
    keepUserRowsInMemory(store);
  }

  app.post('/api/login', async (c) => {
    // Login CSRF: a cross-site form can send text/plain but not application/json without a preflight, and a
    // browser names the page's origin on every POST; clients without a browser send no Origin.
    if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
      return safeJson(c, { error: 'send the login as JSON (Content-Type: application/json)' }, 415);
    }
    const origin = c.req.header('origin');
    if (
      (origin !== undefined && origin.toLowerCase() !== requestOrigin(c, trustProxy).origin) ||
      c.req.header('sec-fetch-site') === 'cross-site'
    ) {
      return safeJson(c, { error: 'a login from another site is refused' }, 403);
    }
    const parsed = LoginBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return safeJson(c, { error: 'send JSON {"username": …, "password": …}' }, 400);
    const { username, password } = parsed.data;
    const address = addressOf(c);
    const wait = throttle.blocked(username, address);
    if (wait !== null) {
      onFailure({ username, address, via: 'login', reason: 'too many failed logins' });
      return tooManyAttempts(c, wait);
    }
    const verified = await checkCredentials(store, username, password);
    if (!verified) {
      throttle.failed(username, address);
      onFailure({ username, address, via: 'login', reason: 'wrong username or password' });
      return safeJson(c, { error: 'wrong username or password' }, 401);
    }
    throttle.succeeded(username, address);
    const { user } = verified;
    setCookie(
      c,
      SESSION_COOKIE,
      sessions.open({ username: user.username, credential: verified.credential }),
      {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: options.secureCookies ?? requestOrigin(c, trustProxy).https,
        maxAge: Math.floor((options.sessionTtlMs ?? 12 * 3600_000) / 1000),
      },
    );
    logger.info({ username: user.username, role: user.role }, 'login');
    return safeJson(c, { username: user.username, role: user.role, personId: user.personId });
  });
  app.post('/api/logout', (c) => {
    sessions.close(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return safeJson(c, { ok: true });
  });

  const auth = sessionOrBasicAuth(store, sessions, {
    now: () => now().getTime(),
    guard: throttle,
    addressOf,
    onFailure,
  });
  app.use('/api/*', auth);
  app.use('/report/*', auth);

  const refused = (c: Context, access: Exclude<Access, { ok: true }>) =>
    safeJson(c, { error: access.message }, access.status);
  const windowOf = (c: Context) => periodWindow(c.req.query('period') ?? 'last-90d', now());
  const orgAt = async (asOf: string) => new OrgIndex(await queryOrgAsOf(store.db, asOf));
  const visible = (user: AuthUser, leaders: Awaited<ReturnType<typeof leadersReport>>) =>
    user.role === 'leader' ? leaders.filter((l) => l.personId === user.personId) : leaders;

  app.get('/api/me', async (c) => {
    const user = c.get('user');
    const org = user.personId ? await orgAt(now().toISOString().slice(0, 10)) : null;
    const person = user.personId ? org?.get(user.personId) : undefined;
    return safeJson(c, {
      username: user.username,
      role: user.role,
      personId: user.personId,
      name: person?.name ?? person?.email ?? null,
      minGroupSize: MIN_GROUP_SIZE,
    });
  });

  /**
   * The leaders report of a period, named or pseudonymised; each variant cached under its own key, the
   * pseudonymised one derived from the (cached) named one.
   */
  const leadersAnswer = async (period: string, pseudonymised: boolean): Promise<LeadersAnswer> => {
    const at = now();
    const window = periodWindow(period, at);
    const version = leadersCache ? await dataVersion() : null;
    const inputs = [window.period, window.range.from, window.range.to, window.asOf];
    const named = () =>
      cached(leadersCache, JSON.stringify(['named', ...inputs]), version, async () => {
        const leaders = await leadersReport(store, period, at);
        return { leaders, json: safeJsonText(leaders) };
      });
    if (!pseudonymised) return named();
    return cached(leadersCache, JSON.stringify(['pseudonymised', ...inputs]), version, async () => {
      const [answer, alias] = await Promise.all([named(), aliasOf()]);
      const leaders = answer.leaders
        .map((l) => ({ ...l, personId: alias(l.personId), name: null, email: null }))
        // by pseudonym, so that the order gives away no address
        .sort((a, b) => a.personId.localeCompare(b.personId));
      return { leaders, json: safeJsonText(leaders) };
    });
  };

  /** The leaders a user gets for a period, audited when they carry names. */
  const leadersFor = async (user: AuthUser, route: string, period: string) => {
    const pseudonymised = pseudonymisedFor(user);
    const answer = await leadersAnswer(period, pseudonymised);
    const leaders = visible(user, answer.leaders);
    if (!pseudonymised) viewed(user, route, period, leaders.length);
    return { answer, leaders, pseudonymised };
  };

  app.get('/api/leaders', async (c) => {
    const user = c.get('user');
    const { answer, leaders } = await leadersFor(user, '/api/leaders', c.req.query('period') ?? 'last-90d');
    return user.role === 'leader' ? safeJson(c, leaders) : jsonBody(c, answer.json);
  });

  app.get('/api/overview', async (c) => {
    const user = c.get('user');
    const access = overviewAccess(user);
    if (!access.ok) return refused(c, access);
    const query = parseOverviewQuery(c.req.query());
    if (!query.ok) return safeJson(c, { error: query.message, parameter: query.parameter }, 400);
    const window = windowOf(c);
    const version = overviewCache ? await dataVersion() : null;
    const org = await cached(orgCache, window.asOf, version, () => orgAt(window.asOf));
    const unknown = unknownFilter(query.filters, org, window.asOf);
    if (unknown) return safeJson(c, { error: unknown.message, parameter: unknown.parameter }, 400);
    // everything the answer depends on besides the data: who reads it (role), period, filters
    const key = JSON.stringify([
      user.role,
      window.period,
      window.range.from,
      window.range.to,
      window.asOf,
      query.filters.department,
      query.filters.level,
    ]);
    const answer = await cached(overviewCache, key, version, async () => {
      const report = await overviewReport(store, org, window, {
        alias: user.role === 'admin' ? null : await aliasOf(),
        filters: query.filters,
        showSmallGroups: user.role === 'admin',
        minGroupSize: MIN_GROUP_SIZE,
      });
      return { json: safeJsonText(report), leaders: report.leaders.length };
    });
    if (user.role === 'admin') viewed(user, '/api/overview', window.period, answer.leaders);
    return jsonBody(c, answer.json);
  });

  app.get('/api/leaders/:personId', async (c) => {
    const user = c.get('user');
    const window = windowOf(c);
    const personId = c.req.param('personId');
    const org = await orgAt(window.asOf);
    const access = leaderPageAccess(user, personId, org);
    if (!access.ok) return refused(c, access);
    const report = await leaderPageReport(store, org, personId, window, {
      showSmallTeams: user.role === 'admin',
      minGroupSize: MIN_GROUP_SIZE,
    });
    const person = org.get(personId);
    if (person) viewed(user, '/api/leaders/:personId', window.period, 1, await subjectOf(person));
    return safeJson(c, report);
  });

  app.get('/api/teams', async (c) => {
    const user = c.get('user');
    const window = windowOf(c);
    const org = await orgAt(window.asOf);
    const alias = pseudonymisedFor(user) ? await aliasOf() : null;
    const teams: (TeamListEntry & { open: boolean; refusal: string | null })[] = [];
    for (const leader of org.leaders()) {
      const access = teamAccess(user, leader.personId, org);
      // leaders list their own teams (locked ones included); analysts the teams they may open
      if (!access.ok && (user.role !== 'leader' || !org.inSubtree(user.personId ?? '', leader.personId)))
        continue;
      const id = alias ? alias(leader.personId) : leader.personId;
      teams.push({
        leaderPersonId: id,
        leaderName: alias ? id : (leader.name ?? leader.email),
        members: org.directReports(leader.personId).length,
        open: access.ok,
        refusal: access.ok ? null : access.message,
      });
    }
    // pseudonyms are listed by pseudonym, so that the order gives away no address
    if (alias) teams.sort((a, b) => a.leaderPersonId.localeCompare(b.leaderPersonId));
    else viewed(user, '/api/teams', window.period, teams.length);
    return safeJson(c, { minGroupSize: MIN_GROUP_SIZE, teams });
  });

  app.get('/api/teams/:leaderId', async (c) => {
    const user = c.get('user');
    const window = windowOf(c);
    const leaderId = c.req.param('leaderId');
    const org = await orgAt(window.asOf);
    const alias = pseudonymisedFor(user) ? await aliasOf() : null;
    // Analysts name a team by its leader's pseudonym; anything else (an address, an unknown pseudonym)
    // is no team, refused like a team below the minimum size (no existence oracle).
    const target = alias
      ? (PSEUDONYM_PATTERN.test(leaderId) &&
          org.leaders().find((l) => alias(l.personId) === leaderId)?.personId) ||
        ''
      : leaderId;
    const access = teamAccess(user, target, org);
    if (!access.ok) return refused(c, access);
    const admin = user.role === 'admin';
    const report = await teamReport(store, org, target, window, admin, admin ? 1 : MIN_GROUP_SIZE);
    if (alias) return safeJson(c, { ...report, leader: { personId: leaderId, name: leaderId } });
    const leader = org.get(target);
    if (leader) {
      const people = 1 + (report.memberRows?.length ?? 0);
      viewed(user, '/api/teams/:leaderId', window.period, people, await subjectOf(leader));
    }
    return safeJson(c, report);
  });

  app.get('/api/pipeline', async (c) => {
    const access = pipelineAccess(c.get('user'));
    if (!access.ok) return refused(c, access);
    return safeJson(c, await pipelineHealthReport(store, options.health ?? {}));
  });

  app.all('/api/*', (c) => safeJson(c, { error: `no API route ${c.req.method} ${c.req.path}` }, 404));

  // The server-rendered leaders table (no script), for API clients and text browsers.
  app.get('/report/leaders', async (c) => {
    const period = c.req.query('period') ?? 'last-90d';
    const { leaders, pseudonymised } = await leadersFor(c.get('user'), '/report/leaders', period);
    c.header('Content-Security-Policy', CSP);
    return c.html(renderLeadersPage(leaders, period, { pseudonymised }));
  });

  app.onError((err, c) => {
    if (isPushpullError(err, 'PERIOD_INVALID')) return safeJson(c, { error: err.message }, 400);
    if (isPushpullError(err, 'STORE_INVALID_ARGUMENT')) return safeJson(c, { error: err.message }, 400);
    logger.error({ path: c.req.path, err: { message: err.message } }, 'request failed');
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
