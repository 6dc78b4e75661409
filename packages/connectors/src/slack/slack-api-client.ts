import { PushpullError } from '@pushpull/core';
import {
  ErrorCode,
  type Logger,
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebClient,
} from '@slack/web-api';
import type { z } from 'zod';
import type { RateBudget, SyncContext } from '../kit/connector';
import { mapSlackError, SLACK_ERROR_CODES } from './map-slack-error';
import type { SlackClock } from './slack-clock';
import { SlackErrorResponseSchema } from './slack-schemas';

/**
 * Which Slack rate limits apply to conversations.history / conversations.replies:
 * `standard` (Tier 3, pages up to 999 messages) or `non-marketplace` (the 2025 limits for
 * commercially distributed apps outside the Slack Marketplace: 1 request per minute, 15 messages).
 */
export type SlackRateTier = 'standard' | 'non-marketplace';

/** Methods whose rate limit depends on the tier. */
const TIER_METHODS: ReadonlySet<string> = new Set(['conversations.history', 'conversations.replies']);
/** Page size asked of history/replies on the standard tier (Slack's recommended maximum is 200). */
export const STANDARD_MESSAGE_PAGE = 200;
/** Page size and default that Slack imposes on non-Marketplace apps. */
export const NON_MARKETPLACE_MESSAGE_PAGE = 15;
/** 1 request per minute per method on the non-Marketplace tier. */
export const NON_MARKETPLACE_INTERVAL_MS = 60_000;
/** A 429 on history/replies asking to wait at least this long is read as the non-Marketplace tier. */
const TIER_RETRY_AFTER_SECONDS = 20;
/** Attempts for a request that fails with HTTP 5xx or a network error. */
const TRANSIENT_ATTEMPTS = 4;
/** Rate-limited answers tolerated for one call before giving up. */
const MAX_RATE_LIMITED = 50;

export interface SlackApiClientOptions {
  token: string;
  apiUrl: string;
  clock: SlackClock;
  budget: RateBudget;
  signal: AbortSignal;
  log: SyncContext['log'];
  /** `auto` (default) detects the tier from Slack's answers. */
  tier?: 'auto' | SlackRateTier;
  /** Told once when the non-Marketplace tier is detected, with why. */
  onTierLimited?: (reason: string) => void;
}

/**
 * Calls the Slack Web API through `@slack/web-api`'s WebClient, with pushpull's policies instead of
 * the SDK's own retry loop (which sleeps on real timers and would fight a shared budget and a test
 * clock): the WebClient is built with `retryConfig: { retries: 0 }` and `rejectRateLimitedCalls`, and
 * this class
 * - waits for the shared `RateBudget` before every request and, on HTTP 429, records the
 *   `Retry-After` pause there (so every worker of the token honours it), waits it out and retries;
 * - paces history/replies at 1 request per minute once the non-Marketplace tier is detected (a page
 *   capped at 15 messages although more were asked and more exist, or a long Retry-After on them);
 * - retries HTTP 5xx and network errors a few times with backoff;
 * - maps `ok: false` to a PushpullError (`mapSlackError`) and parses every answer with zod.
 * The token is sent only in the Authorization header and is scrubbed from any text it reports.
 *
 * @example
 * const api = new SlackApiClient({ token, apiUrl, clock: systemSlackClock, budget, signal, log });
 * const auth = await api.call('auth.test', {}, AuthTestResponseSchema);
 */
export class SlackApiClient {
  /** HTTP requests made (429s and retries included). */
  requests = 0;
  /** 429 answers received. */
  rateLimited = 0;
  private currentTier: SlackRateTier | 'unknown';
  private readonly web: WebClient;
  private readonly lastRequestAt = new Map<string, number>();

  constructor(private readonly options: SlackApiClientOptions) {
    const tier = options.tier ?? 'auto';
    this.currentTier = tier === 'auto' ? 'unknown' : tier;
    this.web = new WebClient(options.token, {
      slackApiUrl: options.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 60_000,
      logger: this.sdkLogger(),
    });
  }

  /** The tier seen so far (`unknown` until Slack's answers tell). */
  get tier(): SlackRateTier | 'unknown' {
    return this.currentTier;
  }

  /** The `limit` to ask of history/replies on the current tier. */
  messagePageLimit(): number {
    return this.currentTier === 'non-marketplace' ? NON_MARKETPLACE_MESSAGE_PAGE : STANDARD_MESSAGE_PAGE;
  }

  /**
   * Calls `method` with `args` and returns the answer parsed by `schema`; throws a PushpullError
   * for `ok: false`, an unusable answer, or Slack staying unavailable.
   */
  async call<S extends z.ZodType>(
    method: string,
    args: Record<string, unknown>,
    schema: S,
  ): Promise<z.output<S>> {
    let transientFailures = 0;
    let rateLimited = 0;
    for (;;) {
      await this.pace(method);
      await this.options.budget.acquire(1, this.options.signal);
      this.requests += 1;
      this.lastRequestAt.set(method, this.options.clock.now());
      let raw: unknown;
      try {
        raw = await this.web.apiCall(method, args);
      } catch (err) {
        if (err instanceof WebAPIRateLimitedError || isCode(err, ErrorCode.RateLimitedError)) {
          rateLimited += 1;
          this.rateLimited += 1;
          if (rateLimited > MAX_RATE_LIMITED) {
            throw new PushpullError(
              SLACK_ERROR_CODES.unavailable,
              `Slack: ${method} stayed rate limited after ${MAX_RATE_LIMITED} waits`,
              { method },
            );
          }
          await this.waitRetryAfter(method, (err as WebAPIRateLimitedError).retryAfter);
          continue;
        }
        if (err instanceof WebAPIPlatformError || isCode(err, ErrorCode.PlatformError)) {
          const parsed = SlackErrorResponseSchema.safeParse((err as WebAPIPlatformError).data);
          throw mapSlackError(method, parsed.success ? parsed.data : { error: 'unknown_error' });
        }
        const status = err instanceof WebAPIHTTPError ? err.statusCode : undefined;
        const transient = status === undefined || status >= 500;
        transientFailures += 1;
        if (!transient || transientFailures >= TRANSIENT_ATTEMPTS) {
          throw new PushpullError(
            SLACK_ERROR_CODES.unavailable,
            `Slack: ${method} failed${status ? ` with HTTP ${status}` : ''}: ${this.redact(errorText(err))}`,
            { method, status: status ?? null, attempts: transientFailures },
          );
        }
        const backoffMs = 1000 * 2 ** (transientFailures - 1);
        this.options.log(
          'warn',
          { method, status: status ?? null, backoffMs },
          'Slack request failed; retrying',
        );
        await this.options.clock.sleep(backoffMs, this.options.signal);
        continue;
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new PushpullError(
          SLACK_ERROR_CODES.invalidResponse,
          `Slack: unexpected ${method} answer (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'})`,
          { method },
        );
      }
      this.noteMessagePage(method, args, parsed.data);
      return parsed.data;
    }
  }

  /** Waits so that history/replies keep to 1 request per minute on the non-Marketplace tier. */
  private async pace(method: string): Promise<void> {
    if (this.currentTier !== 'non-marketplace' || !TIER_METHODS.has(method)) return;
    const last = this.lastRequestAt.get(method);
    if (last === undefined) return;
    const wait = last + NON_MARKETPLACE_INTERVAL_MS - this.options.clock.now();
    if (wait > 0) await this.options.clock.sleep(wait, this.options.signal);
  }

  private async waitRetryAfter(method: string, retryAfterSeconds: number): Promise<void> {
    const seconds = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds : 1;
    const until = new Date(this.options.clock.now() + seconds * 1000);
    if (TIER_METHODS.has(method) && seconds >= TIER_RETRY_AFTER_SECONDS) {
      this.limitTier(`HTTP 429 with Retry-After ${seconds}s on ${method}`);
    }
    this.options.log('warn', { method, retryAfterSeconds: seconds }, 'Slack rate limit (HTTP 429): pausing');
    await this.options.budget.pauseUntil(until);
    const wait = until.getTime() - this.options.clock.now();
    if (wait > 0) await this.options.clock.sleep(wait, this.options.signal);
  }

  /**
   * Detects the 15-message cap: exactly 15 messages although more were asked, and Slack says there
   * is more. (Slack may return fewer than asked on any tier, so only the exact cap counts.)
   */
  private noteMessagePage(method: string, args: Record<string, unknown>, data: unknown): void {
    if (!TIER_METHODS.has(method) || this.currentTier !== 'unknown') return;
    const page = data as { messages?: unknown[]; has_more?: boolean | null };
    const asked = Number(args.limit);
    const got = page.messages?.length ?? 0;
    if (page.has_more && asked > NON_MARKETPLACE_MESSAGE_PAGE && got === NON_MARKETPLACE_MESSAGE_PAGE) {
      this.limitTier(`${method} returned ${got} of ${asked} messages with more to come`);
    } else if (page.has_more && got > NON_MARKETPLACE_MESSAGE_PAGE) {
      this.currentTier = 'standard';
    }
  }

  private limitTier(reason: string): void {
    if (this.currentTier === 'non-marketplace') return;
    this.currentTier = 'non-marketplace';
    this.options.log(
      'warn',
      { reason, pageSize: NON_MARKETPLACE_MESSAGE_PAGE, intervalMs: NON_MARKETPLACE_INTERVAL_MS },
      'Slack applies the non-Marketplace rate limits to conversations.history/replies; syncing at 1 request per minute (a customer-built internal app is exempt)',
    );
    this.options.onTierLimited?.(reason);
  }

  private redact(text: string): string {
    return this.options.token ? text.split(this.options.token).join('[SLACK_TOKEN]') : text;
  }

  /** The SDK's own logs: warnings and errors only, token scrubbed, never request bodies. */
  private sdkLogger(): Logger {
    let level = LogLevel.WARN;
    const forward =
      (lvl: 'warn' | 'error') =>
      (...msg: unknown[]) =>
        this.options.log(lvl, { component: '@slack/web-api' }, this.redact(msg.map(String).join(' ')));
    return {
      debug: () => {},
      info: () => {},
      warn: forward('warn'),
      error: forward('error'),
      setLevel: (l) => {
        level = l;
      },
      getLevel: () => level,
      setName: () => {},
    };
  }
}

function isCode(err: unknown, code: ErrorCode): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const original = (err as { original?: unknown }).original;
    return original instanceof Error ? `${err.message} (${original.message})` : err.message;
  }
  return String(err);
}
