import { abortableSleep } from './abortable-sleep';

/**
 * Time as a connector sees it. Injected so tests can run a sync that must wait (rate limits,
 * `Retry-After`) on a virtual clock, or on one whose `sleep` does not wait, instead of a real one.
 */
export interface ConnectorClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The real clock: `Date.now()` and the kit's abortable timer.
 *
 * @example const connector = createSlackConnector({ ...config, clock: systemConnectorClock });
 */
export const systemConnectorClock: ConnectorClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => abortableSleep(ms, signal),
};
