import { kafkaErrorChain } from './kafka-error-chain';
import { nextOutageWait } from './outage-wait';

/** How {@link retryRetriable} waits and how long it keeps trying. */
export interface RetryRetriableOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Wait before the second attempt, doubled before each later one (at most 2 000 ms). */
  firstWaitMs: number;
  /** Waits `ms`; injectable so tests need no real time. Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Whether the broker answered with an error it calls retriable: the error or one of its causes is a
 * kafkajs protocol error (it has the broker's error `type`) with `retriable: true` (or an @platformatic/kafka
 * one: `apiId` with `canRetry: true`), such as
 * `UNKNOWN_TOPIC_OR_PARTITION` or `LEADER_NOT_AVAILABLE` for a topic just created whose metadata a busy
 * or just started broker has not published yet. Connection errors are not answers: an unreachable
 * broker is an outage, handled elsewhere.
 *
 * @example isRetriableKafkaError(Object.assign(new Error('x'), { type: 'LEADER_NOT_AVAILABLE', retriable: true })) // true
 */
export function isRetriableKafkaError(err: unknown): boolean {
  for (const e of kafkaErrorChain(err)) {
    const answer = e as { retriable?: unknown; type?: unknown; canRetry?: unknown; apiId?: unknown };
    if (answer.retriable === true && typeof answer.type === 'string') return true;
    // the same answer from @platformatic/kafka: a protocol error with the broker's error id
    if (answer.canRetry === true && typeof answer.apiId === 'string') return true;
  }
  return false;
}

/**
 * Runs `step`, and again after a growing wait while it fails with an error Kafka calls retriable, up
 * to `attempts` in all; any other error, or the last one, is thrown as it is. For steps whose
 * retriable answers kafkajs hands back instead of retrying: creating topics, starting a consumer.
 *
 * @example await retryRetriable(() => admin.createTopics(spec), { attempts: 8, firstWaitMs: 100 })
 */
export async function retryRetriable<T>(step: () => Promise<T>, options: RetryRetriableOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const waits = { retryBackoffMs: options.firstWaitMs, outageRetryMs: 2_000 };
  let wait = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (attempt >= options.attempts || !isRetriableKafkaError(err)) throw err;
      wait = nextOutageWait(wait, waits);
      await sleep(wait);
    }
  }
}
