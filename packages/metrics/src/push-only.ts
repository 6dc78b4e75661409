import type { Direction } from '@pushpull/core';
import type { DirectionCounts } from './direction-counts';
import { DEFAULT_MIN_VOLUME, pushShare } from './push-share';

/** The push share above which a direction counts as push-only. */
export const PUSH_ONLY_THRESHOLD = 0.9;

/** The directions the push-only flag looks at (people, not broadcasts or unresolved counterparts). */
export const PUSH_ONLY_DIRECTIONS: readonly Direction[] = ['up', 'down', 'peer', 'lateral', 'external'];

/**
 * The "directive crutch" flag: push share above 0.9 in every direction (up, down, peer, lateral, external)
 * that has at least `minVolume` pushes + pulls, with at least two such directions. False otherwise,
 * including when there is not enough data.
 *
 * @example
 * const c = (push: number, pull: number) => ({ push, pull, neutral: 0, proactivePush: push, responsivePush: 0 });
 * pushOnly({ down: c(19, 1), peer: c(10, 0), up: c(1, 3) }) // true: up has too little volume to count
 */
export function pushOnly(counts: DirectionCounts, minVolume: number = DEFAULT_MIN_VOLUME): boolean {
  let directions = 0;
  for (const direction of PUSH_ONLY_DIRECTIONS) {
    const share = pushShare(counts[direction], minVolume);
    if (share === null) continue;
    if (share <= PUSH_ONLY_THRESHOLD) return false;
    directions++;
  }
  return directions >= 2;
}
