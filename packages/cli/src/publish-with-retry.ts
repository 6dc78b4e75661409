import type { OutgoingMessage } from '@pushpull/bus';
import { PushpullError } from '@pushpull/core';

/** Time as `ingest` sees it: injectable so tests never wait or read the wall clock. */
export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
};

export interface PublishWithRetryOptions {
  /** Publishes one call's messages (e.g. `bus.publish`). */
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  /** How long an outage is retried before giving up, from its first failure. */
  retryForMs: number;
  clock?: RetryClock;
  /** Where the outage and recovery lines go. */
  say(text: string): void;
  /** First pause between attempts (doubles up to `maxBackoffMs`). Default 500. */
  initialBackoffMs?: number;
  /** Longest pause between attempts. Default 5 000. */
  maxBackoffMs?: number;
  /**
   * A call unanswered this long counts as the start of an outage (the client may be retrying inside
   * it), so the outage line comes out while it waits; during an outage a call still unanswered at the
   * deadline is given up on. Default: off.
   */
  stallMs?: number;
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Publishes through a bus outage: a failed call is tried again with capped backoff until it succeeds
 * or the outage has lasted `retryForMs`, then fails with `INGEST_BUS_GAVE_UP` (the last failure as
 * its cause). One line when the outage starts (a failure, or with `stallMs` a call left unanswered
 * that long), one when the bus is back (with how long it was away).
 * The same call is re-sent whole, so some of its messages may reach the topic twice; event ids are
 * the idempotency key, so they are stored once.
 *
 * @example
 * const send = publishWithRetry({ publish: (t, m) => bus.publish(t, m), retryForMs: 120_000, say });
 * await send('pushpull.activity.raw.v1', messages);
 */
export function publishWithRetry(
  options: PublishWithRetryOptions,
): (topic: string, messages: readonly OutgoingMessage[]) => Promise<void> {
  const clock = options.clock ?? systemClock;
  const initial = options.initialBackoffMs ?? 500;
  const max = options.maxBackoffMs ?? 5_000;
  return async (topic, messages) => {
    let downSince: number | undefined;
    let backoff = initial;
    const down = (since: number, reason: string) => {
      downSince = since;
      options.say(
        `cannot publish to ${topic} (${reason}); retrying for up to ${Math.round(options.retryForMs / 1000)} s`,
      );
    };
    for (;;) {
      try {
        const started = clock.now();
        const call = options.publish(topic, messages);
        if (options.stallMs !== undefined) {
          call.catch(() => {}); // awaited below
          const settled = call.then(
            () => false,
            () => false,
          );
          const unanswered = (ms: number) => Promise.race([settled, clock.sleep(ms).then(() => true)]);
          if (downSince === undefined && (await unanswered(options.stallMs))) {
            down(started, `no answer for ${Math.round(options.stallMs / 1000)} s`);
          }
          // While the bus is away, a call that hangs past the deadline is not waited for.
          if (downSince !== undefined) {
            const left = downSince + options.retryForMs - clock.now();
            if (left <= 0 || (await unanswered(left))) {
              throw new Error(`no answer for ${Math.round((clock.now() - started) / 1000)} s`);
            }
          }
        }
        await call;
        if (downSince !== undefined) {
          const away = Math.round((clock.now() - downSince) / 1000);
          options.say(`the bus is back after ${away} s; publishing again`);
        }
        return;
      } catch (err) {
        const now = clock.now();
        if (downSince === undefined) down(now, reasonOf(err));
        const left = (downSince ?? now) + options.retryForMs - now;
        if (left <= 0) {
          throw new PushpullError(
            'INGEST_BUS_GAVE_UP',
            `gave up after ${Math.round((now - (downSince ?? now)) / 1000)} s without the bus (${reasonOf(err)})`,
            { topic, retryForMs: options.retryForMs },
            { cause: err },
          );
        }
        await clock.sleep(Math.min(backoff, left));
        backoff = Math.min(backoff * 2, max);
      }
    }
  };
}
