import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { AuthenticationError, ClientSecretCredential } from '@azure/identity';
import { PushpullError } from '@pushpull/core';
import type { z } from 'zod';
import type { RateBudget, SyncContext } from '../kit/connector';
import { GraphBatchResponseSchema as BatchSchema, GraphErrorBodySchema } from './graph-schemas';
import type { OutlookClock } from './outlook-clock';

/** Error codes of the Outlook connector. */
export const GRAPH_ERROR_CODES = {
  auth: 'GRAPH_AUTH',
  forbidden: 'GRAPH_FORBIDDEN',
  notFound: 'GRAPH_NOT_FOUND',
  expired: 'GRAPH_DELTA_EXPIRED',
  unavailable: 'GRAPH_UNAVAILABLE',
  invalidResponse: 'GRAPH_INVALID_RESPONSE',
} as const;

export interface GraphClientOptions {
  tenantId: string;
  clientId: string;
  /** GRAPH_CLIENT_SECRET: only ever given to @azure/identity; never logged. */
  clientSecret: string;
  /** GRAPH_API_URL, e.g. `https://graph.microsoft.com/v1.0`. */
  apiUrl: string;
  /** GRAPH_AUTHORITY_HOST, e.g. `https://login.microsoftonline.com`. */
  authorityHost: string;
  budget: RateBudget;
  signal: AbortSignal;
  log: SyncContext['log'];
  clock: OutlookClock;
  /** An extra CA certificate (PEM) to trust, for a test double in process. Default: the system's. */
  ca?: string | undefined;
}

/** One Graph request: an absolute URL under GRAPH_API_URL, or a path relative to it. */
export interface GraphRequest {
  url: string;
  headers?: Record<string, string>;
}

/** One Graph answer (status, lower-cased headers, parsed JSON body). */
export interface GraphAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Attempts for a request that fails with 5xx (not 503) or a network error. */
const TRANSIENT_ATTEMPTS = 4;
/** Throttled answers tolerated for one request before giving up. */
const MAX_THROTTLED = 30;
/** Requests per `$batch` (Graph's limit). */
export const GRAPH_BATCH_LIMIT = 20;

/**
 * Calls Microsoft Graph v1.0 app-only. Tokens come from `@azure/identity`'s ClientSecretCredential
 * (authority host from GRAPH_AUTHORITY_HOST, instance discovery off for non-Microsoft hosts); data
 * calls are plain HTTPS requests rather than `@microsoft/microsoft-graph-client`, whose retry handler
 * sleeps on its own timers and knows nothing of the shared budget, and whose `$batch` helper hides
 * the per-request throttling answers this connector needs. This client:
 * - waits for the shared RateBudget (tenant-wide) before every request (`$batch` costs one per
 *   inner request);
 * - on 429/503 records `Retry-After` with `budget.pauseUntil` (every worker honours it), waits it out
 *   and retries the same request; retries other 5xx and network errors with backoff;
 * - on 401 fetches a fresh token once and retries;
 * - maps a rejected client credential to one PushpullError naming the variable to fix
 *   (`GRAPH_CLIENT_SECRET`, `GRAPH_CLIENT_ID`, `GRAPH_TENANT_ID`) — never its value.
 *
 * @example
 * const graph = new GraphClient({ tenantId, clientId, clientSecret, apiUrl, authorityHost, budget, signal, log, clock });
 * const page = await graph.get({ url: '/users?$top=999' }, schema);
 */
export class GraphClient {
  /** HTTP requests made to Graph (inner `$batch` requests each count; token requests do not). */
  requests = 0;
  /** 429/503 answers received (inner ones included). */
  throttled = 0;
  private readonly credential: ClientSecretCredential;
  private readonly agent: Agent;
  private readonly apiUrl: string;
  private readonly scope: string;
  private token: { value: string; expiresAt: number } | null = null;

  constructor(private readonly options: GraphClientOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
    this.scope = `${new URL(this.apiUrl).origin}/.default`;
    const microsoftHost = /(^|\.)(microsoftonline\.(com|us)|chinacloudapi\.cn|microsoftonline\.de)$/i.test(
      new URL(options.authorityHost).hostname,
    );
    this.credential = new ClientSecretCredential(options.tenantId, options.clientId, options.clientSecret, {
      authorityHost: options.authorityHost,
      disableInstanceDiscovery: !microsoftHost,
      ...(options.ca ? { tlsOptions: { ca: [...rootCertificates, options.ca].join('\n') } } : {}),
      retryOptions: { maxRetries: 1 },
    });
    this.agent = new Agent({
      keepAlive: true,
      ...(options.ca ? { ca: [...rootCertificates, options.ca] } : {}),
    });
  }

  /** The path of an absolute Graph link relative to GRAPH_API_URL (for `$batch`). */
  relative(url: string): string {
    if (url.startsWith(this.apiUrl)) return url.slice(this.apiUrl.length) || '/';
    if (url.startsWith('/')) return url;
    const u = new URL(url);
    // Another host's link (e.g. graph.microsoft.com behind a proxy URL): drop the version segment.
    return `${u.pathname.replace(/^\/[^/]+/, '')}${u.search}`;
  }

  /** GET one URL and parse its answer; throws a PushpullError for any non-200 answer. */
  async get<S extends z.ZodType>(req: GraphRequest, schema: S): Promise<z.output<S>> {
    const answer = await this.send('GET', req.url, req.headers ?? {}, undefined, 1);
    if (answer.status !== 200) throw this.failure(answer, req.url);
    return this.parse(answer.body, schema, req.url);
  }

  /**
   * Sends up to 20 requests as one `$batch` and returns each answer in request order. Inner 429/503
   * answers are returned as they are (see `noteThrottle`), so the caller retries just those.
   */
  async batch(requests: readonly GraphRequest[]): Promise<GraphAnswer[]> {
    if (requests.length === 0) return [];
    if (requests.length > GRAPH_BATCH_LIMIT) {
      throw new PushpullError(
        'GRAPH_BATCH_TOO_LARGE',
        `Graph $batch takes at most ${GRAPH_BATCH_LIMIT} requests`,
        {},
      );
    }
    const body = {
      requests: requests.map((r, i) => ({
        id: String(i + 1),
        method: 'GET',
        url: this.relative(r.url),
        ...(r.headers ? { headers: r.headers } : {}),
      })),
    };
    const answer = await this.send(
      'POST',
      '/$batch',
      { 'content-type': 'application/json' },
      body,
      requests.length,
    );
    if (answer.status !== 200) throw this.failure(answer, '/$batch');
    const parsed = this.parse(answer.body, BatchSchema, '/$batch');
    const out: GraphAnswer[] = [];
    for (let i = 0; i < requests.length; i++) {
      const r = parsed.responses.find((x) => x.id === String(i + 1));
      if (!r) {
        throw new PushpullError(
          GRAPH_ERROR_CODES.invalidResponse,
          `Graph: $batch answer lacks request ${i + 1}`,
          {},
        );
      }
      const headers = Object.fromEntries(
        Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      );
      if (r.status === 429 || r.status === 503) this.throttled += 1;
      out.push({ status: r.status, headers, body: r.body });
    }
    return out;
  }

  /** Records a throttling answer's `Retry-After` for every worker of the tenant and waits it out. */
  async noteThrottle(answer: GraphAnswer, where: string, attempt = 1): Promise<void> {
    const header = Number(answer.headers['retry-after']);
    const seconds = Number.isFinite(header) && header >= 0 ? header : Math.min(60, 2 ** attempt);
    this.options.log(
      'warn',
      { where, status: answer.status, retryAfterSeconds: seconds },
      `Microsoft Graph throttled a request (HTTP ${answer.status}): pausing`,
    );
    const until = new Date(this.options.clock.now() + seconds * 1000);
    await this.options.budget.pauseUntil(until);
    const wait = until.getTime() - this.options.clock.now();
    if (wait > 0) await this.options.clock.sleep(wait, this.options.signal);
  }

  /** The PushpullError of a failed answer (410 → GRAPH_DELTA_EXPIRED). */
  failure(answer: GraphAnswer, url: string): PushpullError {
    const parsed = GraphErrorBodySchema.safeParse(answer.body);
    const code = parsed.success ? (parsed.data.error.code ?? '') : '';
    const message = parsed.success ? (parsed.data.error.message ?? '') : '';
    const where = describe(this.relative(url));
    const detail = `${where}: HTTP ${answer.status}${code ? ` ${code}` : ''}${message ? ` — ${message}` : ''}`;
    const context = { status: answer.status, code, where };
    if (answer.status === 410 || /syncStateNotFound|resyncRequired/i.test(code)) {
      return new PushpullError(
        GRAPH_ERROR_CODES.expired,
        `Graph: the delta link expired (${detail})`,
        context,
      );
    }
    if (answer.status === 401) {
      return new PushpullError(GRAPH_ERROR_CODES.auth, `Graph rejected the app's token (${detail})`, context);
    }
    if (answer.status === 403) {
      return new PushpullError(
        GRAPH_ERROR_CODES.forbidden,
        `Graph: access denied (${detail}); the app needs the application permissions User.Read.All, Mail.ReadBasic.All and Calendars.ReadBasic or Calendars.Read, with admin consent`,
        context,
      );
    }
    if (answer.status === 404) {
      return new PushpullError(GRAPH_ERROR_CODES.notFound, `Graph: not found (${detail})`, context);
    }
    return new PushpullError(GRAPH_ERROR_CODES.unavailable, `Graph: request failed (${detail})`, context);
  }

  private parse<S extends z.ZodType>(body: unknown, schema: S, url: string): z.output<S> {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PushpullError(
        GRAPH_ERROR_CODES.invalidResponse,
        `Graph: unexpected answer from ${describe(this.relative(url))} (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'})`,
        {},
      );
    }
    return parsed.data;
  }

  /** A request with the budget, throttling, token and transient-failure policies. */
  private async send(
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    body: unknown,
    cost: number,
  ): Promise<GraphAnswer> {
    const target = url.startsWith('/') ? `${this.apiUrl}${url}` : url;
    if (new URL(target).origin !== new URL(this.apiUrl).origin) {
      throw new PushpullError(
        GRAPH_ERROR_CODES.invalidResponse,
        `Graph: refusing to follow a link to another host than GRAPH_API_URL (${new URL(target).origin})`,
        {},
      );
    }
    let transient = 0;
    let throttled = 0;
    let renewed = false;
    for (;;) {
      const token = await this.accessToken();
      await this.options.budget.acquire(cost, this.options.signal);
      this.requests += cost;
      let answer: GraphAnswer;
      try {
        answer = await this.http(method, target, { ...headers, authorization: `Bearer ${token}` }, body);
      } catch (err) {
        if (this.options.signal.aborted) throw this.options.signal.reason;
        transient += 1;
        if (transient >= TRANSIENT_ATTEMPTS) {
          throw new PushpullError(
            GRAPH_ERROR_CODES.unavailable,
            `Graph: ${describe(this.relative(target))} failed: ${err instanceof Error ? err.message : String(err)}`,
            { attempts: transient },
          );
        }
        await this.options.clock.sleep(1000 * 2 ** (transient - 1), this.options.signal);
        continue;
      }
      if (answer.status === 429 || answer.status === 503) {
        this.throttled += 1;
        throttled += 1;
        if (throttled > MAX_THROTTLED) {
          throw new PushpullError(
            GRAPH_ERROR_CODES.unavailable,
            `Graph: ${describe(this.relative(target))} stayed throttled after ${MAX_THROTTLED} waits`,
            {},
          );
        }
        await this.noteThrottle(answer, describe(this.relative(target)), throttled);
        continue;
      }
      if (answer.status === 401 && !renewed) {
        renewed = true;
        this.token = null;
        continue;
      }
      if (answer.status >= 500 && transient + 1 < TRANSIENT_ATTEMPTS) {
        transient += 1;
        this.options.log('warn', { status: answer.status }, 'Graph request failed; retrying');
        await this.options.clock.sleep(1000 * 2 ** (transient - 1), this.options.signal);
        continue;
      }
      return answer;
    }
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - 5 * 60_000 > Date.now()) return this.token.value;
    let got: { token: string; expiresOnTimestamp: number } | null;
    try {
      got = await this.credential.getToken(this.scope, { abortSignal: this.options.signal });
    } catch (err) {
      throw credentialError(err, this.options.clientSecret);
    }
    if (!got) {
      throw new PushpullError(GRAPH_ERROR_CODES.auth, 'Graph: the token endpoint returned no access token', {
        variable: 'GRAPH_CLIENT_SECRET',
      });
    }
    this.token = { value: got.token, expiresAt: got.expiresOnTimestamp };
    return got.token;
  }

  private http(
    method: string,
    url: string,
    headers: Record<string, string>,
    body: unknown,
  ): Promise<GraphAnswer> {
    const u = new URL(url);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        u,
        {
          method,
          headers: {
            accept: 'application/json',
            ...headers,
            ...(payload ? { 'content-length': String(Buffer.byteLength(payload)) } : {}),
          },
          ...(u.protocol === 'https:' ? { agent: this.agent } : {}),
          signal: this.options.signal,
          timeout: 100_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = null;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              parsed = { error: { code: 'NotJson', message: `non-JSON answer (${text.length} bytes)` } };
            }
            resolve({ status: res.statusCode ?? 0, headers: flatten(res.headers), body: parsed });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end(payload);
    });
  }
}

/**
 * The one error of a rejected client credential, naming the variable to fix and never its value.
 * AADSTS7000215 / `invalid_client` → GRAPH_CLIENT_SECRET; AADSTS700016 → GRAPH_CLIENT_ID;
 * AADSTS90002 / 900023 → GRAPH_TENANT_ID; an unreachable authority → GRAPH_AUTHORITY_HOST.
 */
export function credentialError(err: unknown, secret: string): PushpullError {
  const response = err instanceof AuthenticationError ? err.errorResponse : undefined;
  const raw = `${response?.error ?? ''} ${response?.errorDescription ?? ''} ${err instanceof Error ? err.message : String(err)}`;
  const text = secret ? raw.split(secret).join('[GRAPH_CLIENT_SECRET]') : raw;
  const aadsts = /AADSTS(\d+)/.exec(text)?.[1];
  const pick = (variable: string, what: string) =>
    new PushpullError(GRAPH_ERROR_CODES.auth, `Microsoft Graph sign-in failed: ${what}; check ${variable}`, {
      variable,
      ...(aadsts ? { aadsts: `AADSTS${aadsts}` } : {}),
    });
  if (aadsts === '7000215' || aadsts === '7000222' || /invalid_client/.test(text)) {
    return pick(
      'GRAPH_CLIENT_SECRET',
      `the client secret was rejected (${aadsts === '7000222' ? 'AADSTS7000222 expired' : 'AADSTS7000215 invalid_client'})`,
    );
  }
  if (aadsts === '700016' || /unauthorized_client/.test(text)) {
    return pick(
      'GRAPH_CLIENT_ID',
      `the application was not found in the tenant (AADSTS${aadsts ?? '700016'})`,
    );
  }
  if (aadsts === '90002' || aadsts === '900023' || aadsts === '90023') {
    return pick('GRAPH_TENANT_ID', `the tenant was not found (AADSTS${aadsts})`);
  }
  if (!response) {
    return pick('GRAPH_AUTHORITY_HOST', `the token endpoint could not be used (${firstLine(text.trim())})`);
  }
  return pick('GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET', `${firstLine(text.trim())}`);
}

function firstLine(s: string): string {
  return (s.split(/\r?\n/)[0] ?? '').slice(0, 300);
}

/** A request for logs and errors: its path without query values (delta tokens are long). */
function describe(relative: string): string {
  return relative.split('?')[0] ?? relative;
}

function flatten(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
