import type { ShownRatio } from '@pushpull/report-render';

/**
 * A ratio as the review shows it, from a figure of the uncorrected metrics (null below the minimum
 * volume): the raw share, rated when it has a value, without a correction or an interval.
 *
 * @example shownRaw(0.75, 40) // { raw: 0.75, corrected: null, low: null, high: null, volume: 40, rated: true, … }
 */
export function shownRaw(value: number | null, volume: number): ShownRatio {
  return {
    raw: value,
    corrected: null,
    low: null,
    high: null,
    volume,
    level: null,
    rated: value !== null && !Number.isNaN(value),
    certainty: null,
  };
}
