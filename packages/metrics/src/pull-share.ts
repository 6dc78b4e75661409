import type { DirectionCounts, ModeCounts } from './direction-counts';
import { DEFAULT_MIN_VOLUME, ratio } from './push-share';

/**
 * Pull share of one direction: pull / (push + pull); null below `minVolume` of push + pull.
 *
 * @example pullShare({ push: 6, pull: 2, neutral: 0, proactivePush: 6, responsivePush: 0 }) // 0.25
 */
export function pullShare(
  counts: ModeCounts | undefined,
  minVolume: number = DEFAULT_MIN_VOLUME,
): number | null {
  return ratio(counts?.pull ?? 0, (counts?.push ?? 0) + (counts?.pull ?? 0), minVolume);
}

/**
 * Downward pull share = pulls down / (pushes down + pulls down): does the leader ask, or only tell?
 *
 * @example downwardPullShare({ down: { push: 3, pull: 3, neutral: 1, proactivePush: 2, responsivePush: 1 } }) // 0.5
 */
export function downwardPullShare(
  counts: DirectionCounts,
  minVolume: number = DEFAULT_MIN_VOLUME,
): number | null {
  return pullShare(counts.down, minVolume);
}

/**
 * External pull share = pulls to externals / (pushes + pulls to externals): does the leader ask clients,
 * or only pitch to them?
 *
 * @example externalPullShare({ external: { push: 8, pull: 2, neutral: 0, proactivePush: 8, responsivePush: 0 } }) // 0.2
 */
export function externalPullShare(
  counts: DirectionCounts,
  minVolume: number = DEFAULT_MIN_VOLUME,
): number | null {
  return pullShare(counts.external, minVolume);
}
