import { PushpullError, shortReason } from '@pushpull/core';
import type { Batch, BatchStats, HandlerResult, OutgoingMessage } from './bus';
import type { ConsumeSettings } from './consume-settings';
import { publishDeadLetters } from './dlq';
import { nextOutageWait } from './outage-wait';

/** How one handler batch ended. */
export type BatchOutcome =
  | { kind: 'done'; stats: BatchStats }
  /** The consumer was stopped while waiting to retry: nothing applied, nothing to commit. */
  | { kind: 'stopped' }
  /** Retries exhausted (`BUS_HANDLER_FAILED`, with the last error as cause): the consumer must stop. */
  | { kind: 'failed'; error: PushpullError };

/** Longest wait between two attempts, whatever the exponential backoff says. */
export const MAX_RETRY_BACKOFF_MS = 30_000;

/**
 * Resolves true after `ms`, or false as soon as `signal` aborts.
 *
 * @example if (!(await abortableDelay(200, signal))) return; // stopped
 */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function checkResults(batch: Batch, results: unknown): asserts results is HandlerResult[] {
  if (!Array.isArray(results) || results.length !== batch.messages.length) {
    const got = Array.isArray(results) ? `${results.length} results` : typeof results;
    throw new PushpullError(
      'BUS_HANDLER_RESULT',
      `handler returned ${got} for a batch of ${batch.messages.length} messages of ${batch.topic}[${batch.partition}]`,
      { topic: batch.topic, partition: batch.partition },
    );
  }
}

/**
 * The part of the consumer wrapper both buses share: calls the handler on one batch, applies its
 * results (dead letters published to `<topic>.dlq`), and retries the whole batch with exponential
 * backoff when the handler (or a dead-letter publish) throws. An error `isOutage` calls a dependency
 * outage is retried until it passes (every `outageRetryMs` at most) without counting against
 * `maxRetries`, and `onOutage` hears when it started and when the batch got through. The caller
 * commits on `done` only.
 *
 * @example
 * const outcome = await handleBatch(batch, settings, (t, m) => bus.publish(t, m), abort.signal);
 * if (outcome.kind === 'done') commit(batch);
 */
export async function handleBatch(
  batch: Batch,
  settings: Pick<ConsumeSettings, 'handler' | 'maxRetries' | 'retryBackoffMs'> &
    Partial<Pick<ConsumeSettings, 'isOutage' | 'outageRetryMs' | 'onOutage'>>,
  publish: (topic: string, messages: readonly OutgoingMessage[]) => Promise<void>,
  signal: AbortSignal,
  now: () => number = () => performance.now(),
): Promise<BatchOutcome> {
  const started = now();
  const where = { topic: batch.topic, partition: batch.partition };
  let failures = 0; // failed attempts that count against maxRetries (not outages)
  let outageSince: number | undefined;
  let outageWait = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      const results: unknown = await settings.handler(batch);
      checkResults(batch, results);
      const deadLettered = await publishDeadLetters(publish, batch, results);
      if (outageSince !== undefined) {
        settings.onOutage?.({ state: 'up', ...where, downForMs: now() - outageSince });
      }
      let dropped = 0;
      for (const r of results) if (r.kind === 'drop') dropped++;
      return {
        kind: 'done',
        stats: {
          topic: batch.topic,
          partition: batch.partition,
          size: batch.messages.length,
          ok: batch.messages.length - dropped - deadLettered,
          dropped,
          deadLettered,
          attempts: attempt,
          durationMs: now() - started,
        },
      };
    } catch (err) {
      if (settings.isOutage?.(err)) {
        if (outageSince === undefined) {
          outageSince = now();
          settings.onOutage?.({ state: 'down', ...where, error: err });
        }
        outageWait = nextOutageWait(outageWait, settings);
        if (!(await abortableDelay(outageWait, signal))) return { kind: 'stopped' };
        continue;
      }
      failures++;
      if (failures > settings.maxRetries) {
        const first = batch.messages[0]?.offset;
        const last = batch.messages[batch.messages.length - 1]?.offset;
        return {
          kind: 'failed',
          error: new PushpullError(
            'BUS_HANDLER_FAILED',
            `handler failed ${attempt} times on ${batch.topic}[${batch.partition}] offsets ${first}..${last}: ${shortReason(err, 300)}`,
            {
              topic: batch.topic,
              partition: batch.partition,
              firstOffset: first,
              lastOffset: last,
              attempts: attempt,
            },
            { cause: err },
          ),
        };
      }
      const backoff = Math.min(settings.retryBackoffMs * 2 ** (failures - 1), MAX_RETRY_BACKOFF_MS);
      if (!(await abortableDelay(backoff, signal))) return { kind: 'stopped' };
    }
  }
}
