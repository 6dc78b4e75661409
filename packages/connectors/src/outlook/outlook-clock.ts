import { abortableSleep } from '../kit/abortable-sleep';

/** Time as the Outlook connector sees it; tests inject one whose `sleep` does not wait. */
export interface OutlookClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The real clock: `Date.now()` and the kit's abortable timer.
 *
 * @example createOutlookConnector({ ...config, clock: systemOutlookClock });
 */
export const systemOutlookClock: OutlookClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => abortableSleep(ms, signal),
};
