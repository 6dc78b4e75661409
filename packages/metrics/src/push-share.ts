import type { ModeCounts } from './direction-counts';

/**
 * The default minimum volume of a ratio: below it the ratio is "not enough data" (null), never a number.
 * The volume of a share is the number of its events (push + pull); of upward proactivity, pushes up.
 */
export const DEFAULT_MIN_VOLUME = 5;

/**
 * Push share of one direction: push / (push + pull), neutral excluded. Null when push + pull is below
 * `minVolume` (or zero); exactly `minVolume` is enough.
 *
 * @example
 * pushShare({ push: 3, pull: 1, neutral: 9, proactivePush: 3, responsivePush: 0 }, 4) // 0.75
 * pushShare({ push: 3, pull: 1, neutral: 9, proactivePush: 3, responsivePush: 0 }, 5) // null
 */
export function pushShare(
  counts: ModeCounts | undefined,
  minVolume: number = DEFAULT_MIN_VOLUME,
): number | null {
  return ratio(counts?.push ?? 0, (counts?.push ?? 0) + (counts?.pull ?? 0), minVolume);
}

/** part / whole, or null when whole is below minVolume or zero. */
export function ratio(part: number, whole: number, minVolume: number): number | null {
  if (whole <= 0 || whole < minVolume) return null;
  return part / whole;
}
