import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  type GraphRecipient,
  type GraphSeed,
  type GraphSeedEvent,
  type GraphSeedMessage,
  type GraphSeedUser,
  loadGraphSeed,
} from './graph-seed';
import { createThrowawayCertificate } from './throwaway-certificate';

/** What a request was about, for faults and the log. */
export type GraphRequestKind =
  | 'token'
  | 'metadata'
  | 'users'
  | 'groups'
  | 'mail'
  | 'events'
  | 'batch'
  | 'other';

/** One request the double received (no token, no secret is ever recorded). */
export interface GraphRequestRecord {
  kind: GraphRequestKind;
  method: string;
  /** Path without the query. */
  path: string;
  /** Query parameters (delta and skip tokens included: they are no secrets). */
  query: Record<string, string>;
  status: number;
  /** The mailbox (user id) of a mail/events request. */
  mailbox?: string;
  /** True for a request that came inside a `$batch`. */
  inBatch: boolean;
  /** `initial`, `next` ($skiptoken) or `delta` ($deltatoken) for delta requests. */
  delta?: 'initial' | 'next' | 'delta';
  at: number;
}

/** Faults to inject into the next Graph (not token) requests. */
export interface GraphFaults {
  /** The next `count` matching requests answer `status` (429 default, or 503) with `Retry-After`. */
  throttle?: {
    count: number;
    status?: 429 | 503;
    retryAfter?: number;
    kind?: GraphRequestKind;
    mailbox?: string;
  };
  /** Every delta/skip token issued so far for this mailbox (id or address) answers 410 Gone. */
  expireDeltaLinks?: string;
}

export interface GraphDoubleOptions {
  seed?: GraphSeed;
  /** Items per delta page unless the client asks less with `Prefer: odata.maxpagesize`. Default 3. */
  deltaPageSize?: number;
  /** Default `$top` of /users and /groups. Default 10. */
  usersPageSize?: number;
  /** Time each Graph request takes, so that concurrency shows. Default 3 ms. */
  latencyMs?: number;
}

/** A message to add to a mailbox's Sent Items. */
export interface NewMessage {
  subject: string;
  bodyPreview: string;
  to: string[];
  cc?: string[];
  conversationId?: string;
  sentDateTime?: string;
}

export interface GraphDouble {
  /** Base URL (`https://127.0.0.1:PORT`): the authority host. */
  url: string;
  /** The Graph API URL (`…/v1.0`), for GRAPH_API_URL. */
  apiUrl: string;
  /** PEM of the throwaway certificate (trust it in process). */
  ca: string;
  /** Path of the certificate, for NODE_EXTRA_CA_CERTS of a spawned process. */
  caPath: string;
  seed: GraphSeed;
  requestLog: GraphRequestRecord[];
  /** The highest number of requests one mailbox had in flight at once. */
  peakMailboxConcurrency(): number;
  /** Adds a sent message to a mailbox (id or address) now; returns it. */
  addMessage(mailbox: string, message: NewMessage): GraphSeedMessage;
  /** Changes a user's manager (null = none), title or department. */
  updateUser(id: string, change: Partial<Pick<GraphSeedUser, 'managerId' | 'jobTitle' | 'department'>>): void;
  injectFaults(faults: GraphFaults): void;
  close(): Promise<void>;
}

/** Graph answers more than 4 concurrent requests per mailbox with 429 (MailboxConcurrency). */
const MAILBOX_CONCURRENCY = 4;
const BATCH_LIMIT = 20;
const TOKEN_LIFETIME_S = 3599;

interface Stored<T> {
  item: T;
  version: number;
}

interface DeltaState {
  /** mailbox user id */
  m: string;
  k: 'mail' | 'events';
  /** $select of the initial request. */
  sel?: string[];
  /** receivedDateTime lower bound (mail). */
  f?: string;
  /** calendar window. */
  ws?: string;
  we?: string;
  /** Items with version in (from, to] are in this round. */
  from: number;
  to: number;
  /** Offset in the round (skip tokens). */
  o: number;
  /** Mailbox generation the token was issued in. */
  g: number;
}

class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Starts an in-process HTTPS stand-in for Microsoft Entra ID's token endpoint and Microsoft Graph
 * v1.0, on 127.0.0.1 with a throwaway certificate, serving the seed (by default the recorded demo
 * tenant plus its synthetic supplement, see fixtures/README.md):
 * - `/{tenant}/v2.0/.well-known/openid-configuration` and `/{tenant}/oauth2/v2.0/token` (client
 *   credentials; a wrong secret is AADSTS7000215 `invalid_client`, a wrong client id AADSTS700016,
 *   an unknown tenant AADSTS90002);
 * - bearer auth on every Graph call (401 InvalidAuthenticationToken otherwise);
 * - `GET /users` (`$select`, `$expand=manager`, `$top`, `$skiptoken` paging), `GET /groups`;
 * - `GET /users/{id}/mailFolders/sentitems/messages/delta` (`$select`, `$filter=receivedDateTime ge`,
 *   `Prefer: odata.maxpagesize`) and `GET /users/{id}/calendarView/delta` (`startDateTime`,
 *   `endDateTime`), paged by `@odata.nextLink`, resumed by `@odata.deltaLink`, 410 Gone
 *   (`SyncStateNotFound`) for an expired token;
 * - `POST /$batch` (at most 20 requests; each answered on its own, throttling included);
 * - 429/503 with `Retry-After` on demand, and 429 when one mailbox has more than 4 requests in flight.
 *
 * @example
 * const graph = await startGraphDouble();
 * // GRAPH_AUTHORITY_HOST=graph.url GRAPH_API_URL=graph.apiUrl NODE_EXTRA_CA_CERTS=graph.caPath
 * await graph.close();
 */
export async function startGraphDouble(options: GraphDoubleOptions = {}): Promise<GraphDouble> {
  const seed = options.seed ?? loadGraphSeed();
  const deltaPageSize = options.deltaPageSize ?? 3;
  const usersPageSize = options.usersPageSize ?? 10;
  const latencyMs = options.latencyMs ?? 3;
  const tls = createThrowawayCertificate();
  const requestLog: GraphRequestRecord[] = [];
  const tokens = new Map<string, number>();
  let version = 1;
  const sent = new Map<string, Stored<GraphSeedMessage>[]>();
  const calendars = new Map<string, Stored<GraphSeedEvent>[]>();
  for (const [m, list] of Object.entries(seed.sentItems))
    sent.set(
      m,
      list.map((item) => ({ item, version })),
    );
  for (const [m, list] of Object.entries(seed.events))
    calendars.set(
      m,
      list.map((item) => ({ item, version })),
    );
  const generation = new Map<string, number>();
  const inFlight = new Map<string, number>();
  let peak = 0;
  const throttles: {
    count: number;
    status: number;
    retryAfter: number;
    kind?: GraphRequestKind;
    mailbox?: string;
  }[] = [];
  let added = 0;
  let base = '';

  const userOf = (key: string): GraphSeedUser | undefined => {
    const k = decodeURIComponent(key).toLowerCase();
    return seed.users.find(
      (u) =>
        u.id.toLowerCase() === k || u.mail?.toLowerCase() === k || u.userPrincipalName.toLowerCase() === k,
    );
  };
  const mailboxOf = (key: string): GraphSeedUser => {
    const u = userOf(key);
    if (!u) {
      throw new GraphError(
        404,
        'ErrorInvalidUser',
        `The requested user '${decodeURIComponent(key)}' is invalid.`,
      );
    }
    return u;
  };

  // --- token endpoint -------------------------------------------------------------------------
  function token(tenant: string, form: URLSearchParams): Answer {
    const app = seed.app;
    const aad = (status: number, error: string, code: number, description: string): Answer => {
      const now = new Date().toISOString().replace('T', ' ').slice(0, 19);
      const trace = cryptoId();
      return {
        status,
        headers: {},
        body: {
          error,
          error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${trace}\r\nCorrelation ID: ${cryptoId()}\r\nTimestamp: ${now}Z`,
          error_codes: [code],
          timestamp: `${now}Z`,
          trace_id: trace,
          correlation_id: cryptoId(),
          error_uri: `${base}/error?code=${code}`,
        },
      };
    };
    if (tenant !== app.tenantId) {
      return aad(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID.`,
      );
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return aad(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    }
    if (form.get('client_id') !== app.clientId) {
      return aad(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${form.get('client_id')}' was not found in the directory.`,
      );
    }
    if (form.get('client_secret') !== app.clientSecret) {
      return aad(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
      );
    }
    if (!(form.get('scope') ?? '').split(' ').some((s) => s.endsWith('/.default'))) {
      return aad(400, 'invalid_scope', 1002012, 'The provided value for scope is not valid.');
    }
    const access = `dbl.${randomBytes(24).toString('base64url')}`;
    tokens.set(access, Date.now() + TOKEN_LIFETIME_S * 1000);
    return {
      status: 200,
      headers: {},
      body: {
        token_type: 'Bearer',
        expires_in: TOKEN_LIFETIME_S,
        ext_expires_in: TOKEN_LIFETIME_S,
        access_token: access,
      },
    };
  }

  function openidConfiguration(tenant: string): Answer {
    const t = `${base}/${tenant}`;
    return {
      status: 200,
      headers: {},
      body: {
        token_endpoint: `${t}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: [
          'client_secret_post',
          'private_key_jwt',
          'client_secret_basic',
        ],
        jwks_uri: `${t}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${t}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${base}/oidc/userinfo`,
        authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${t}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${t}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid'],
        kerberos_endpoint: `${t}/kerberos`,
        tenant_region_scope: 'NA',
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
      },
    };
  }

  // --- Graph ------------------------------------------------------------------------------------
  function userJson(u: GraphSeedUser, select: string[] | undefined): Record<string, unknown> {
    const full: Record<string, unknown> = {
      id: u.id,
      businessPhones: [],
      displayName: u.displayName,
      givenName: null,
      jobTitle: u.jobTitle,
      mail: u.mail,
      mobilePhone: null,
      officeLocation: u.officeLocation ?? null,
      preferredLanguage: null,
      surname: null,
      userPrincipalName: u.userPrincipalName,
      department: u.department ?? null,
    };
    return project(full, select);
  }

  function listUsers(q: URLSearchParams): Answer {
    const select = selectOf(q);
    const expand = q.get('$expand') ?? '';
    const withManager = /^manager\b/.test(expand);
    const managerSelect = /^manager\(\$select=([^)]*)\)/.exec(expand)?.[1]?.split(',');
    const page = pageOf(seed.users, q, usersPageSize);
    const value = page.items.map((u) => {
      const json = userJson(u, select);
      if (withManager && u.managerId) {
        const m = seed.users.find((x) => x.id === u.managerId);
        if (m) json.manager = { '@odata.type': '#microsoft.graph.user', ...userJson(m, managerSelect) };
      }
      return json;
    });
    return ok({
      '@odata.context': `${base}/v1.0/$metadata#users(${select?.join(',') ?? ''})`,
      ...(page.next !== undefined
        ? { '@odata.nextLink': `${base}/v1.0/users?${withSkip(q, page.next)}` }
        : {}),
      value,
    });
  }

  function listGroups(q: URLSearchParams): Answer {
    const select = selectOf(q);
    const page = pageOf(seed.groups, q, usersPageSize);
    return ok({
      '@odata.context': `${base}/v1.0/$metadata#groups`,
      ...(page.next !== undefined
        ? { '@odata.nextLink': `${base}/v1.0/groups?${withSkip(q, page.next)}` }
        : {}),
      value: page.items.map((g) => project({ ...g }, select)),
    });
  }

  function delta(
    kind: 'mail' | 'events',
    user: GraphSeedUser,
    q: URLSearchParams,
    prefer: string,
    rec: GraphRequestRecord,
  ): Answer {
    const gen = generation.get(user.id) ?? 0;
    const skip = q.get('$skiptoken');
    const dtoken = q.get('$deltatoken');
    let state: DeltaState;
    if (skip || dtoken) {
      rec.delta = skip ? 'next' : 'delta';
      const s = decodeState(skip ?? dtoken ?? '');
      if (!s || s.m !== user.id || s.k !== kind) {
        throw new GraphError(400, 'ErrorInvalidUrlQuery', 'The delta or skip token is invalid.');
      }
      if (s.g !== gen) {
        throw new GraphError(
          410,
          'SyncStateNotFound',
          'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
        );
      }
      state = skip ? s : { ...s, from: s.to, to: version, o: 0 };
    } else {
      rec.delta = 'initial';
      state = { m: user.id, k: kind, from: 0, to: version, o: 0, g: gen };
      const select = selectOf(q);
      if (select) state.sel = select;
      if (kind === 'mail') {
        const filter = q.get('$filter');
        if (filter) {
          const m = /^receivedDateTime ge (\S+)$/.exec(filter.trim());
          if (!m?.[1] || Number.isNaN(Date.parse(m[1]))) {
            throw new GraphError(
              400,
              'ErrorInvalidUrlQueryFilter',
              'The only supported filter is receivedDateTime ge {date}.',
            );
          }
          state.f = m[1];
        }
      } else {
        const ws = q.get('startDateTime');
        const we = q.get('endDateTime');
        if (!ws || !we || Number.isNaN(Date.parse(ws)) || Number.isNaN(Date.parse(we))) {
          throw new GraphError(
            400,
            'ErrorInvalidParameter',
            'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
          );
        }
        state.ws = ws;
        state.we = we;
      }
    }
    const asked = Number(/odata\.maxpagesize=(\d+)/.exec(prefer)?.[1]);
    const size = Number.isFinite(asked) && asked > 0 ? Math.min(asked, deltaPageSize) : deltaPageSize;
    const round: Record<string, unknown>[] =
      kind === 'mail'
        ? (sent.get(user.id) ?? [])
            .filter((s) => s.version > state.from && s.version <= state.to)
            .filter((s) => !state.f || Date.parse(s.item.sentDateTime) >= Date.parse(state.f))
            .map((s) => ({ '@odata.etag': `W/"${s.version}"`, ...project({ ...s.item }, state.sel, ['id']) }))
        : (calendars.get(user.id) ?? [])
            .filter((s) => s.version > state.from && s.version <= state.to)
            .filter(
              (s) =>
                Date.parse(`${s.item.start.dateTime}Z`) < Date.parse(state.we ?? '') &&
                Date.parse(`${s.item.end.dateTime}Z`) > Date.parse(state.ws ?? ''),
            )
            .map((s) => ({
              '@odata.etag': `W/"${s.version}"`,
              ...s.item,
              isOrganizer: s.item.organizer.emailAddress.address.toLowerCase() === user.mail?.toLowerCase(),
            }));
    const page = round.slice(state.o, state.o + size);
    const more = state.o + size < round.length;
    const path =
      kind === 'mail'
        ? `${base}/v1.0/users/${user.id}/mailFolders/sentitems/messages/delta`
        : `${base}/v1.0/users/${user.id}/calendarView/delta`;
    const link = more
      ? { '@odata.nextLink': `${path}?$skiptoken=${encodeState({ ...state, o: state.o + size })}` }
      : { '@odata.deltaLink': `${path}?$deltatoken=${encodeState({ ...state, o: 0 })}` };
    return ok({
      '@odata.context': `${base}/v1.0/$metadata#Collection(${kind === 'mail' ? 'message' : 'event'})`,
      ...link,
      value: page,
    });
  }

  /** Routes one Graph request (path relative to /v1.0). */
  async function graph(
    method: string,
    rawPath: string,
    headers: Record<string, string>,
    body: unknown,
    inBatch: boolean,
  ): Promise<Answer> {
    const url = new URL(rawPath, 'https://graph.invalid');
    const path = url.pathname.replace(/\/+$/, '');
    const q = url.searchParams;
    const rec: GraphRequestRecord = {
      kind: 'other',
      method,
      path: `/v1.0${path}`,
      query: Object.fromEntries(q),
      status: 0,
      inBatch,
      at: Date.now(),
    };
    requestLog.push(rec);
    let mailbox: string | undefined;
    const answer = await (async (): Promise<Answer> => {
      try {
        const mailMatch = /^\/users\/([^/]+)\/mailFolders\/sentitems\/messages\/delta$/i.exec(path);
        const eventsMatch = /^\/users\/([^/]+)\/calendarView\/delta$/i.exec(path);
        if (path === '/users') rec.kind = 'users';
        else if (path === '/groups') rec.kind = 'groups';
        else if (path === '/$batch') rec.kind = 'batch';
        else if (mailMatch) rec.kind = 'mail';
        else if (eventsMatch) rec.kind = 'events';
        const user = mailMatch?.[1] ?? eventsMatch?.[1];
        if (user) {
          const u = userOf(user);
          if (u) {
            mailbox = u.id;
            rec.mailbox = u.id;
          }
        }
        const fault = throttles.find(
          (t) => t.count > 0 && (!t.kind || t.kind === rec.kind) && (!t.mailbox || t.mailbox === mailbox),
        );
        if (fault) {
          fault.count -= 1;
          throw new GraphError(
            fault.status,
            fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
            fault.status === 429 ? 'Too many requests.' : 'Service unavailable.',
            { 'Retry-After': String(fault.retryAfter) },
          );
        }
        if (mailbox) {
          const n = (inFlight.get(mailbox) ?? 0) + 1;
          if (n > MAILBOX_CONCURRENCY) {
            throw new GraphError(
              429,
              'ApplicationThrottled',
              'Application is over its MailboxConcurrency limit.',
              {
                'Retry-After': '1',
              },
            );
          }
          inFlight.set(mailbox, n);
          peak = Math.max(peak, n);
        }
        try {
          if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
          if (method === 'GET' && path === '/users') return listUsers(q);
          if (method === 'GET' && path === '/groups') return listGroups(q);
          if (method === 'POST' && path === '/$batch' && !inBatch) return await batch(body, headers);
          if (method === 'GET' && mailMatch?.[1])
            return delta('mail', mailboxOf(mailMatch[1]), q, headers.prefer ?? '', rec);
          if (method === 'GET' && eventsMatch?.[1])
            return delta('events', mailboxOf(eventsMatch[1]), q, headers.prefer ?? '', rec);
          throw new GraphError(
            400,
            'BadRequest',
            `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`,
          );
        } finally {
          if (mailbox) inFlight.set(mailbox, (inFlight.get(mailbox) ?? 1) - 1);
        }
      } catch (err) {
        if (err instanceof GraphError) return graphError(err);
        throw err;
      }
    })();
    rec.status = answer.status;
    return answer;
  }

  async function batch(body: unknown, headers: Record<string, string>): Promise<Answer> {
    const requests = (body as { requests?: unknown })?.requests;
    if (!Array.isArray(requests) || requests.length === 0) {
      throw new GraphError(400, 'BadRequest', 'Invalid batch payload format.');
    }
    if (requests.length > BATCH_LIMIT) {
      throw new GraphError(
        400,
        'BadRequest',
        `Number of batch requests exceeds the maximum of ${BATCH_LIMIT}.`,
      );
    }
    const responses = await Promise.all(
      (requests as { id?: unknown; method?: unknown; url?: unknown; headers?: Record<string, string> }[]).map(
        async (r) => {
          const id = String(r.id ?? '');
          const url = String(r.url ?? '');
          const sub = await graph(
            String(r.method ?? 'GET').toUpperCase(),
            url.startsWith('/') ? url : `/${url}`,
            { ...headers, ...lower(r.headers ?? {}) },
            undefined,
            true,
          );
          return {
            id,
            status: sub.status,
            headers: { 'Content-Type': 'application/json', ...sub.headers },
            body: sub.body,
          };
        },
      ),
    );
    return ok({ responses });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const raw = await readBody(req);
    const send = (a: Answer) => {
      res.writeHead(a.status, { 'content-type': 'application/json; charset=utf-8', ...a.headers });
      res.end(JSON.stringify(a.body));
    };
    const oidc = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
    if (req.method === 'GET' && oidc?.[1]) {
      requestLog.push({
        kind: 'metadata',
        method: 'GET',
        path: url.pathname,
        query: {},
        status: 200,
        inBatch: false,
        at: Date.now(),
      });
      return send(openidConfiguration(oidc[1]));
    }
    const tokenPath = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (req.method === 'POST' && tokenPath?.[1]) {
      const a = token(tokenPath[1], new URLSearchParams(raw));
      requestLog.push({
        kind: 'token',
        method: 'POST',
        path: url.pathname,
        query: {},
        status: a.status,
        inBatch: false,
        at: Date.now(),
      });
      return send(a);
    }
    if (!url.pathname.startsWith('/v1.0/')) {
      return send(graphError(new GraphError(404, 'NotFound', `No route for ${url.pathname}`)));
    }
    const auth = req.headers.authorization ?? '';
    const bearer = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    const expiry = tokens.get(bearer);
    if (!bearer || expiry === undefined || expiry < Date.now()) {
      requestLog.push({
        kind: 'other',
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        status: 401,
        inBatch: false,
        at: Date.now(),
      });
      return send(
        graphError(
          new GraphError(
            401,
            'InvalidAuthenticationToken',
            bearer ? 'Access token validation failure. Invalid audience.' : 'Access token is empty.',
          ),
        ),
      );
    }
    let body: unknown;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return send(graphError(new GraphError(400, 'BadRequest', 'Invalid JSON body.')));
      }
    }
    const headers = lower(req.headers as Record<string, string>);
    send(
      await graph(
        req.method ?? 'GET',
        `${url.pathname.slice('/v1.0'.length)}${url.search}`,
        headers,
        body,
        false,
      ),
    );
  }

  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'InternalServerError', message: String(err) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    apiUrl: `${base}/v1.0`,
    ca: tls.cert,
    caPath: tls.certPath,
    seed,
    requestLog,
    peakMailboxConcurrency: () => peak,
    addMessage(mailboxKey, m) {
      const user = mailboxOf(mailboxKey);
      added += 1;
      const id = `ADDED-MSG-${String(added).padStart(4, '0')}`;
      const at = m.sentDateTime ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      const rcpt = (address: string): GraphRecipient => ({
        emailAddress: { name: userOf(address)?.displayName ?? address, address },
      });
      const me = rcpt(user.mail ?? user.userPrincipalName);
      const message: GraphSeedMessage = {
        '@odata.type': '#microsoft.graph.message',
        id,
        createdDateTime: at,
        sentDateTime: at,
        internetMessageId: `<${id.toLowerCase()}@double.example>`,
        subject: m.subject,
        bodyPreview: m.bodyPreview,
        conversationId: m.conversationId ?? `ADDED-CONV-${added}`,
        webLink: `https://outlook.office365.com/owa/?ItemID=${id}&exvsurl=1&viewmodel=ReadMessageItem`,
        isDraft: false,
        sender: me,
        from: me,
        toRecipients: m.to.map(rcpt),
        ccRecipients: (m.cc ?? []).map(rcpt),
        bccRecipients: [],
      };
      version += 1;
      const list = sent.get(user.id) ?? [];
      list.push({ item: message, version });
      sent.set(user.id, list);
      return message;
    },
    updateUser(id, change) {
      const u = seed.users.find((x) => x.id === id);
      if (!u) throw new Error(`graph double: no user ${id}`);
      Object.assign(u, change);
    },
    injectFaults(f) {
      if (f.throttle) {
        throttles.push({
          count: f.throttle.count,
          status: f.throttle.status ?? 429,
          retryAfter: f.throttle.retryAfter ?? 1,
          ...(f.throttle.kind ? { kind: f.throttle.kind } : {}),
          ...(f.throttle.mailbox ? { mailbox: mailboxOf(f.throttle.mailbox).id } : {}),
        });
      }
      if (f.expireDeltaLinks) {
        const id = mailboxOf(f.expireDeltaLinks).id;
        generation.set(id, (generation.get(id) ?? 0) + 1);
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => {
          tls.remove();
          if (err) reject(err);
          else resolve();
        });
      }),
  };
}

function ok(body: unknown): Answer {
  return { status: 200, headers: {}, body };
}

function graphError(err: GraphError): Answer {
  return {
    status: err.status,
    headers: err.headers,
    body: {
      error: {
        code: err.code,
        message: err.message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          'request-id': cryptoId(),
          'client-request-id': cryptoId(),
        },
      },
    },
  };
}

function cryptoId(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function selectOf(q: URLSearchParams): string[] | undefined {
  const s = q.get('$select');
  return s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;
}

function project(
  full: Record<string, unknown>,
  select: string[] | undefined,
  always: string[] = ['id'],
): Record<string, unknown> {
  if (!select) return full;
  const out: Record<string, unknown> = {};
  for (const k of [...always, ...select]) if (k in full) out[k] = full[k];
  return out;
}

function pageOf<T>(items: T[], q: URLSearchParams, defaultTop: number): { items: T[]; next?: number } {
  const top = Number(q.get('$top'));
  const size = Number.isInteger(top) && top > 0 ? Math.min(top, 999) : defaultTop;
  const skip = q.get('$skiptoken');
  const start = skip
    ? Number(
        Buffer.from(skip, 'base64url')
          .toString('utf8')
          .replace(/^offset:/, ''),
      )
    : 0;
  if (!Number.isInteger(start) || start < 0) throw new GraphError(400, 'BadRequest', 'Invalid $skiptoken.');
  const slice = items.slice(start, start + size);
  return start + size < items.length ? { items: slice, next: start + size } : { items: slice };
}

function withSkip(q: URLSearchParams, offset: number): string {
  const next = new URLSearchParams(q);
  next.set('$skiptoken', Buffer.from(`offset:${offset}`).toString('base64url'));
  return next.toString();
}

function encodeState(s: DeltaState): string {
  return Buffer.from(JSON.stringify(s)).toString('base64url');
}

function decodeState(token: string): DeltaState | undefined {
  try {
    const s = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as DeltaState;
    return typeof s.m === 'string' && typeof s.to === 'number' ? s : undefined;
  } catch {
    return undefined;
  }
}

function lower(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
