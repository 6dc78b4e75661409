import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadSlackExportSeed } from './load-slack-export-seed';
import type { SlackSeed, SlackSeedConversation, SlackSeedMessage, SlackSeedToken } from './slack-seed';
import {
  type ConversationType,
  compareSlackTs,
  conversationType,
  type PostMessageInput,
  SlackWorkspace,
  type TsRange,
} from './slack-workspace';
import { createTestClock, type TestClock } from './test-clock';

/** Slack's 2025 limits for non-Marketplace apps, or the ordinary tiers. */
export type SlackTier = 'standard' | 'non-marketplace';

/** Faults to inject into the next requests. */
export interface SlackFaults {
  /** The next N requests (of `method`, when given) answer HTTP 429 with `Retry-After` (default 30 s). */
  rateLimit429?: number | { count: number; method?: string; retryAfter?: number };
  /**
   * `non-marketplace`: conversations.history and conversations.replies allow 1 request per minute
   * each (per the test clock) and return at most 15 messages, 15 by default.
   */
  tier?: SlackTier;
  /** The next N requests (of `method`, when given) answer `{ ok: false, error }`. */
  okFalse?: { error: string; method?: string; count?: number; needed?: string };
  /** The next N requests (of `method`, when given) answer this HTTP status (default 503). */
  serverError?: { count: number; method?: string; status?: number };
}

/** One request the double received (the token is never recorded). */
export interface SlackRequestRecord {
  method: string;
  /** Arguments without `token`. */
  params: Record<string, string>;
  /** How the token came: bearer header, `token` argument, or none. */
  auth: 'bearer' | 'param' | 'none';
  status: number;
  /** `error` of an `ok: false` answer. */
  error?: string;
  /** Test-clock time of the request (ms). */
  at: number;
}

export interface SlackDoubleOptions {
  /** Default: the seeded real export (`loadSlackExportSeed()`). */
  seed?: SlackSeed;
  /** Default: a test clock at 2016-04-01T00:00:00Z, after every seeded message. */
  clock?: TestClock;
  tier?: SlackTier;
}

export interface SlackDouble {
  /** Base URL to give a client as its Slack API URL, e.g. `http://127.0.0.1:40123/api/`. */
  url: string;
  clock: TestClock;
  requestLog: SlackRequestRecord[];
  /** The team (workspace) it serves. */
  team: SlackSeed['team'];
  /** Posts a message now (test-clock time); returns it with its ts. */
  postMessage(input: PostMessageInput): SlackSeedMessage;
  editMessage(channel: string, ts: string, text: string): void;
  deleteMessage(channel: string, ts: string): void;
  injectFaults(faults: SlackFaults): void;
  close(): Promise<void>;
}

const READ_SCOPE: Record<ConversationType, string> = {
  public_channel: 'channels:read',
  private_channel: 'groups:read',
  im: 'im:read',
  mpim: 'mpim:read',
};
const HISTORY_SCOPE: Record<ConversationType, string> = {
  public_channel: 'channels:history',
  private_channel: 'groups:history',
  im: 'im:history',
  mpim: 'mpim:history',
};
const TIER_LIMITED_METHODS = new Set(['conversations.history', 'conversations.replies']);
const NON_MARKETPLACE_PAGE = 15;

class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

interface CallContext {
  token: SlackSeedToken;
  params: Record<string, string>;
  tier: SlackTier;
}

type Handler = (call: CallContext) => Record<string, unknown>;

/**
 * Starts an in-process stand-in for slack.com/api on 127.0.0.1 serving `auth.test`, `users.list`,
 * `conversations.list`, `conversations.history`, `conversations.replies` and `conversations.members`
 * with Slack's behaviour: bearer or `token` auth (`not_authed`, `invalid_auth`), form or JSON
 * arguments, cursor paging with `limit` caps, `oldest`/`latest`/`inclusive`, `missing_scope` with
 * `needed`, `not_in_channel` for a bot outside a public channel, HTTP 429 + `Retry-After`, and the
 * non-Marketplace tier (1 request/minute, 15 messages) timed by a test clock.
 *
 * @example
 * const slack = await startSlackDouble();
 * slack.injectFaults({ tier: 'non-marketplace' });
 * const res = await fetch(`${slack.url}auth.test`, { method: 'POST', headers: { authorization: `Bearer ${SEED_USER_TOKEN}` } });
 * await slack.close();
 */
export async function startSlackDouble(options: SlackDoubleOptions = {}): Promise<SlackDouble> {
  const seed = options.seed ?? loadSlackExportSeed();
  const clock = options.clock ?? createTestClock(new Date('2016-04-01T00:00:00Z'));
  const workspace = new SlackWorkspace(seed);
  const requestLog: SlackRequestRecord[] = [];
  let tier: SlackTier = options.tier ?? 'standard';
  const faults: {
    rateLimit: { count: number; method?: string; retryAfter: number }[];
    okFalse: { error: string; method?: string; count: number; needed?: string }[];
    serverError: { count: number; method?: string; status: number }[];
  } = { rateLimit: [], okFalse: [], serverError: [] };
  /** Test-clock time of the last allowed request per tier-limited method. */
  const lastAllowed = new Map<string, number>();

  const handlers: Record<string, Handler> = {
    'auth.test': ({ token }) => ({
      url: `https://${workspace.team.domain}.slack.com/`,
      team: workspace.team.name,
      user: workspace.user(token.userId)?.name ?? token.userId,
      team_id: workspace.team.id,
      user_id: token.userId,
      ...(token.botId ? { bot_id: token.botId } : {}),
      is_enterprise_install: false,
    }),
    'users.list': ({ token, params }) => {
      need(token, 'users:read');
      const withEmail = token.scopes.includes('users:read.email');
      const members = workspace.listUsers().map((u) => {
        if (withEmail || !u.profile?.email) return u;
        const { email: _hidden, ...profile } = u.profile;
        return { ...u, profile };
      });
      const page = pageByOffset(members, params, 100, 1000);
      return { members: page.items, cache_ts: Math.floor(clock.now() / 1000), ...page.meta };
    },
    'conversations.list': ({ token, params }) => {
      const types = (params.types || 'public_channel')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean) as ConversationType[];
      for (const t of types) {
        if (!(t in READ_SCOPE)) throw new SlackApiError('invalid_types');
        need(token, READ_SCOPE[t]);
      }
      const excludeArchived = truthy(params.exclude_archived);
      const visible = workspace
        .allConversations()
        .filter((c) => types.includes(conversationType(c)))
        .filter((c) => !(excludeArchived && c.is_archived))
        .filter((c) => conversationType(c) === 'public_channel' || c.members.includes(token.userId))
        .map((c) => describeConversation(c, token.userId));
      const page = pageByOffset(visible, params, 100, 1000);
      return { channels: page.items, ...page.meta };
    },
    'conversations.members': ({ token, params }) => {
      const c = readableConversation(token, params.channel, READ_SCOPE, false);
      const page = pageByOffset(c.members, params, 100, 1000);
      return { members: page.items, ...page.meta };
    },
    'conversations.history': ({ token, params, tier: t }) => {
      const c = readableConversation(token, params.channel, HISTORY_SCOPE, true);
      const range = rangeOf(params);
      const limit = messageLimit(params, t);
      const all = workspace.history(c.id, range);
      // Slack: with `oldest` but no `latest` the page holds the messages closest to `oldest` (paging
      // forward); otherwise those closest to `latest` (paging backward). Each page is newest first.
      const forward = range.oldest !== undefined && range.latest === undefined;
      if (forward) {
        const from = params.cursor ? decodeCursor(params.cursor, 'after') : undefined;
        const rest = [...all].reverse().filter((m) => from === undefined || compareSlackTs(m.ts, from) > 0);
        const page = rest.slice(0, limit);
        const hasMore = rest.length > page.length;
        const newest = page.at(-1);
        return {
          messages: page.reverse(),
          has_more: hasMore,
          pin_count: 0,
          ...(hasMore && newest
            ? { response_metadata: { next_cursor: encodeCursor('after', newest.ts) } }
            : {}),
        };
      }
      const before = params.cursor ? decodeCursor(params.cursor, 'before') : undefined;
      const rest = before === undefined ? all : all.filter((m) => compareSlackTs(m.ts, before) < 0);
      return { ...pageOfMessages(rest, limit, 'before'), pin_count: 0 };
    },
    'conversations.replies': ({ token, params, tier: t }) => {
      const c = readableConversation(token, params.channel, HISTORY_SCOPE, true);
      if (!params.ts) throw new SlackApiError('invalid_arguments');
      const thread = workspace.replies(c.id, params.ts, rangeOf(params));
      if (!thread) throw new SlackApiError('thread_not_found');
      const limit = messageLimit(params, t);
      const after = params.cursor ? decodeCursor(params.cursor, 'after') : undefined;
      const rest =
        after === undefined ? thread : thread.slice(1).filter((m) => compareSlackTs(m.ts, after) > 0);
      return pageOfMessages(rest, limit, 'after');
    },
  };

  function need(token: SlackSeedToken, scope: string): void {
    if (!token.scopes.includes(scope)) {
      throw new SlackApiError('missing_scope', { needed: scope, provided: token.scopes.join(',') });
    }
  }

  function readableConversation(
    token: SlackSeedToken,
    id: string | undefined,
    scopes: Record<ConversationType, string>,
    memberOnly: boolean,
  ): SlackSeedConversation {
    if (!id) throw new SlackApiError('channel_not_found');
    const c = workspace.conversation(id);
    const type = c ? conversationType(c) : undefined;
    if (!c || !type) throw new SlackApiError('channel_not_found');
    const isMember = c.members.includes(token.userId);
    if (type !== 'public_channel' && !isMember) throw new SlackApiError('channel_not_found');
    need(token, scopes[type]);
    // A bot reads only the public channels it was invited to; a person's token reads any public one.
    if (memberOnly && type === 'public_channel' && !isMember && token.botId) {
      throw new SlackApiError('not_in_channel');
    }
    return c;
  }

  function messageLimit(params: Record<string, string>, t: SlackTier): number {
    const max = t === 'non-marketplace' ? NON_MARKETPLACE_PAGE : 999;
    const fallback = t === 'non-marketplace' ? NON_MARKETPLACE_PAGE : 100;
    const asked = Number(params.limit);
    return Number.isFinite(asked) && asked > 0 ? Math.min(asked, max) : fallback;
  }

  function takeFault<T extends { count: number; method?: string }>(list: T[], method: string): T | undefined {
    const f = list.find((x) => x.count > 0 && (x.method === undefined || x.method === method));
    if (f) f.count -= 1;
    return f;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = url.pathname.replace(/^\/api\//, '');
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    Object.assign(params, await readBody(req));
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    const tokenValue = bearer ?? params.token;
    const { token: _secret, ...logged } = params;
    const record: SlackRequestRecord = {
      method,
      params: logged,
      auth: bearer ? 'bearer' : params.token ? 'param' : 'none',
      status: 200,
      at: clock.now(),
    };
    requestLog.push(record);
    const send = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      record.status = status;
      if (body.ok === false && typeof body.error === 'string') record.error = body.error;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };

    const handler = handlers[method];
    if (!handler) return send(404, { ok: false, error: 'unknown_method', req_method: method });
    if (!tokenValue) return send(200, { ok: false, error: 'not_authed' });
    const token = seed.tokens.find((t) => t.token === tokenValue);
    if (!token) return send(200, { ok: false, error: 'invalid_auth' });

    const server = takeFault(faults.serverError, method);
    if (server) return send(server.status, { ok: false, error: 'fatal_error' });
    const limited = takeFault(faults.rateLimit, method);
    if (limited) {
      return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limited.retryAfter) });
    }
    if (tier === 'non-marketplace' && TIER_LIMITED_METHODS.has(method)) {
      const last = lastAllowed.get(method);
      const now = clock.now();
      if (last !== undefined && now - last < 60_000) {
        const wait = Math.max(1, Math.ceil((last + 60_000 - now) / 1000));
        return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(wait) });
      }
      lastAllowed.set(method, now);
    }
    const injected = takeFault(faults.okFalse, method);
    if (injected) {
      return send(200, {
        ok: false,
        error: injected.error,
        ...(injected.needed ? { needed: injected.needed, provided: token.scopes.join(',') } : {}),
      });
    }
    try {
      const body = handler({ token, params, tier });
      return send(200, { ok: true, ...body }, { 'x-oauth-scopes': token.scopes.join(',') });
    } catch (err) {
      if (err instanceof SlackApiError) {
        const headers: Record<string, string> = { 'x-oauth-scopes': token.scopes.join(',') };
        if (typeof err.extra.needed === 'string') headers['x-accepted-oauth-scopes'] = err.extra.needed;
        return send(200, { ok: false, error: err.error, ...err.extra }, headers);
      }
      throw err;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'fatal_error', detail: String(err) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api/`,
    clock,
    requestLog,
    team: workspace.team,
    postMessage: (input) => workspace.post(input, clock.now()),
    editMessage: (channel, ts, text) => workspace.edit(channel, ts, text, clock.now()),
    deleteMessage: (channel, ts) => workspace.delete(channel, ts),
    injectFaults(f) {
      if (f.tier) tier = f.tier;
      if (f.rateLimit429 !== undefined) {
        const spec = typeof f.rateLimit429 === 'number' ? { count: f.rateLimit429 } : f.rateLimit429;
        faults.rateLimit.push({
          count: spec.count,
          retryAfter: spec.retryAfter ?? 30,
          ...(spec.method ? { method: spec.method } : {}),
        });
      }
      if (f.okFalse) faults.okFalse.push({ ...f.okFalse, count: f.okFalse.count ?? 1 });
      if (f.serverError) faults.serverError.push({ ...f.serverError, status: f.serverError.status ?? 503 });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function describeConversation(c: SlackSeedConversation, userId: string): Record<string, unknown> {
  const type = conversationType(c);
  if (type === 'im') {
    return {
      id: c.id,
      created: c.created ?? 0,
      is_im: true,
      is_org_shared: false,
      user: c.user,
      is_user_deleted: false,
    };
  }
  return {
    id: c.id,
    name: c.name,
    name_normalized: c.name,
    created: c.created ?? 0,
    creator: c.creator ?? '',
    is_channel: type === 'public_channel' || type === 'private_channel',
    is_group: false,
    is_im: false,
    is_mpim: type === 'mpim',
    is_private: type !== 'public_channel',
    is_archived: c.is_archived ?? false,
    is_general: c.is_general ?? false,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    is_member: c.members.includes(userId),
    num_members: c.members.length,
    topic: c.topic ?? { value: '', creator: '', last_set: 0 },
    purpose: c.purpose ?? { value: '', creator: '', last_set: 0 },
  };
}

function truthy(v: string | undefined): boolean {
  return v === 'true' || v === '1';
}

function rangeOf(params: Record<string, string>): TsRange {
  return {
    oldest: params.oldest || undefined,
    latest: params.latest || undefined,
    inclusive: truthy(params.inclusive),
  };
}

function encodeCursor(kind: string, value: string): string {
  return Buffer.from(`${kind}:${value}`).toString('base64');
}

function decodeCursor(cursor: string, kind: string): string {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (!decoded.startsWith(`${kind}:`)) throw new SlackApiError('invalid_cursor');
  return decoded.slice(kind.length + 1);
}

/**
 * The first `limit` of `rest` as a history or replies answer; when more are left, a cursor of `kind`
 * (`before` going back in history, `after` going forward in a thread) at the last one given.
 */
function pageOfMessages(
  rest: SlackSeedMessage[],
  limit: number,
  kind: 'before' | 'after',
): { messages: SlackSeedMessage[]; has_more: boolean; response_metadata?: { next_cursor: string } } {
  const messages = rest.slice(0, limit);
  const hasMore = rest.length > messages.length;
  const last = messages.at(-1);
  return {
    messages,
    has_more: hasMore,
    ...(hasMore && last ? { response_metadata: { next_cursor: encodeCursor(kind, last.ts) } } : {}),
  };
}

function pageByOffset<T>(
  items: T[],
  params: Record<string, string>,
  defaultLimit: number,
  maxLimit: number,
): { items: T[]; meta: { response_metadata: { next_cursor: string } } } {
  const asked = Number(params.limit);
  const limit = Number.isFinite(asked) && asked > 0 ? Math.min(asked, maxLimit) : defaultLimit;
  const start = params.cursor ? Number(decodeCursor(params.cursor, 'offset')) : 0;
  if (!Number.isInteger(start) || start < 0) throw new SlackApiError('invalid_cursor');
  const slice = items.slice(start, start + limit);
  const next =
    start + slice.length < items.length ? encodeCursor('offset', String(start + slice.length)) : '';
  return { items: slice, meta: { response_metadata: { next_cursor: next } } };
}

async function readBody(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  }
  return Object.fromEntries(new URLSearchParams(raw));
}
