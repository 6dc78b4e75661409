import { abortableSleep } from '../kit/abortable-sleep';

/**
 * Time as the Slack connector sees it. Injected so tests can run a sync that must wait a minute
 * between requests on a virtual clock (the Slack double's) instead of a real one.
 */
export interface SlackClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The real clock: `Date.now()` and the kit's abortable timer.
 *
 * @example const connector = createSlackConnector({ ...config, clock: systemSlackClock });
 */
export const systemSlackClock: SlackClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => abortableSleep(ms, signal),
};
