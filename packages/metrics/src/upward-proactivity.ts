import type { DirectionCounts } from './direction-counts';
import { DEFAULT_MIN_VOLUME, ratio } from './push-share';

/**
 * Upward proactivity = proactive pushes up / all pushes up ("I didn't have to pull it out of him").
 * Null when there are fewer than `minVolume` pushes up.
 *
 * @example upwardProactivity({ up: { push: 8, pull: 1, neutral: 0, proactivePush: 6, responsivePush: 2 } }) // 0.75
 */
export function upwardProactivity(
  counts: DirectionCounts,
  minVolume: number = DEFAULT_MIN_VOLUME,
): number | null {
  return ratio(counts.up?.proactivePush ?? 0, counts.up?.push ?? 0, minVolume);
}
