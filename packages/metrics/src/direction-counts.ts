import type { Direction } from '@pushpull/core';

/** Label counts of one direction: events by mode, and pushes by initiative. */
export interface ModeCounts {
  push: number;
  pull: number;
  neutral: number;
  proactivePush: number;
  responsivePush: number;
}

/**
 * Where counts are kept: an edge direction, `broadcast` (one per broadcast event) or `none`
 * (events without any counterpart, e.g. a pull request opened).
 */
export type CountKey = Direction | 'broadcast' | 'none';

/** Counts of one person (and period) per direction; a missing direction counts as all zeros. */
export type DirectionCounts = Partial<Record<CountKey, ModeCounts>>;

/** Every CountKey, in display order. */
export const COUNT_KEYS: readonly CountKey[] = [
  'up',
  'down',
  'peer',
  'lateral',
  'external',
  'unknown',
  'broadcast',
  'none',
];

/**
 * A fresh all-zero ModeCounts.
 *
 * @example const c = emptyModeCounts(); c.push += 1;
 */
export function emptyModeCounts(): ModeCounts {
  return { push: 0, pull: 0, neutral: 0, proactivePush: 0, responsivePush: 0 };
}

/**
 * Sums counts (e.g. weeks into a quarter, or people into a team). Directions absent everywhere stay absent.
 *
 * @example mergeDirectionCounts({ up: a }, { up: b, down: c }) // { up: a + b, down: c }
 */
export function mergeDirectionCounts(...all: readonly DirectionCounts[]): DirectionCounts {
  const merged: DirectionCounts = {};
  for (const counts of all) {
    for (const key of COUNT_KEYS) {
      const c = counts[key];
      if (!c) continue;
      const m = merged[key] ?? emptyModeCounts();
      m.push += c.push;
      m.pull += c.pull;
      m.neutral += c.neutral;
      m.proactivePush += c.proactivePush;
      m.responsivePush += c.responsivePush;
      merged[key] = m;
    }
  }
  return merged;
}
