import { median } from './median';
import { DEFAULT_MIN_VOLUME, ratio } from './push-share';

/** What is known of the pulls a person received from their direct manager in a period. */
export interface ManagerPullInput {
  /** Pulls the manager addressed to the person (edges down at distance 1 from the manager). */
  pullsReceived: number;
  /**
   * For each of those pulls the person answered with a responsive push: the time from the pull to the
   * answer, in ms (a pull answered twice counts once, with its first answer).
   */
  responseTimesMs: readonly number[];
}

/** How often the manager had to pull, and how fast they were answered (PRODUCT.md, upward proactivity). */
export interface ManagerPullMetrics {
  /** Volume: pulls received from the manager. */
  pullsReceived: number;
  /** Pulls of those that got an answer. */
  answered: number;
  /** answered / pullsReceived; null below the minimum volume of pulls received. */
  answeredShare: number | null;
  /** Median time from the manager's pull to the answer, in ms; null below the minimum volume of answers. */
  medianResponseMs: number | null;
}

/**
 * Pulls received from the manager, the share answered and the median response time. Ratios are null
 * ("not enough data") below `minVolume`: of pulls for the share, of answers for the median.
 *
 * @example
 * const hour = 3_600_000;
 * managerPullMetrics({ pullsReceived: 6, responseTimesMs: [1, 2, 3, 4, 5].map((h) => h * hour) })
 * // { pullsReceived: 6, answered: 5, answeredShare: 5 / 6, medianResponseMs: 3 * hour }
 */
export function managerPullMetrics(
  input: ManagerPullInput,
  minVolume: number = DEFAULT_MIN_VOLUME,
): ManagerPullMetrics {
  const answered = input.responseTimesMs.length;
  return {
    pullsReceived: input.pullsReceived,
    answered,
    answeredShare: ratio(Math.min(answered, input.pullsReceived), input.pullsReceived, minVolume),
    medianResponseMs: answered === 0 || answered < minVolume ? null : median(input.responseTimesMs),
  };
}
