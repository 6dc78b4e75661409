import type { Band, BandRange } from './band';
import type { RatioEstimate } from './ratio-estimate';

/** The widest 90% interval a figure may have and still be shown as a number (a metric setting). */
export const DEFAULT_MAX_INTERVAL_WIDTH = 0.3;

/** When an estimate counts as a figure rather than "not enough data". */
export interface RatingRule {
  /** Fewest events in the ratio's denominator. */
  minVolume: number;
  /** Widest interval (high - low). */
  maxIntervalWidth: number;
}

/**
 * True when an estimate has the volume and the precision to be shown as a number: at least
 * `minVolume` events and an interval no wider than `maxIntervalWidth`.
 *
 * @example isRated(estimate, { minVolume: 20, maxIntervalWidth: 0.3 })
 */
export function isRated(e: RatioEstimate, rule: RatingRule): boolean {
  return (
    e.corrected !== null &&
    e.low !== null &&
    e.high !== null &&
    e.volume > 0 &&
    e.volume >= rule.minVolume &&
    e.high - e.low <= rule.maxIntervalWidth + 1e-12
  );
}

/**
 * Where an estimate stands against its band, decided on the interval: "too pushy" only when the whole
 * interval is above the band, "too pully" only when it is all below, "in band" otherwise (the figure
 * is not shown to be outside), and "not enough data" when it is not rated.
 *
 * @example bandOfInterval({ …, low: 0.91, high: 0.99 }, [0.6, 0.9], rule) // 'too pushy'
 */
export function bandOfInterval(e: RatioEstimate, [low, high]: BandRange, rule: RatingRule): Band {
  if (!isRated(e, rule) || e.low === null || e.high === null) return 'not enough data';
  if (e.low > high) return 'too pushy';
  if (e.high < low) return 'too pully';
  return 'in band';
}

/**
 * True when two intervals share a point: the two figures cannot be told apart, so they must not be
 * ranked against each other. Unrated figures (null ends) overlap everything.
 *
 * @example intervalsOverlap({ low: 0.2, high: 0.5 }, { low: 0.45, high: 0.7 }) // true
 */
export function intervalsOverlap(
  a: Pick<RatioEstimate, 'low' | 'high'>,
  b: Pick<RatioEstimate, 'low' | 'high'>,
): boolean {
  if (a.low === null || a.high === null || b.low === null || b.high === null) return true;
  return a.low <= b.high && b.low <= a.high;
}

/**
 * The complementary ratio (e.g. downward pull share = 1 − downward push share): the same volume, the
 * interval mirrored.
 *
 * @example complementOf(pushShareDown).corrected // 1 - pushShareDown.corrected
 */
export function complementOf(e: RatioEstimate): RatioEstimate {
  const flip = (x: number | null) => (x === null ? null : 1 - x);
  return { ...e, raw: flip(e.raw), corrected: flip(e.corrected), low: flip(e.high), high: flip(e.low) };
}

/**
 * How sure a figure is, in plain words, for a leader page or a review pack.
 *
 * @example
 * describeCertainty({ raw: 0.7, corrected: 0.72, low: 0.58, high: 0.83, volume: 40, level: 0.9 }, rule)
 * // 'Between 58% and 83% (90% sure); best estimate 72% from 40 events (70% as labelled, before correcting for the classifier's known errors).'
 */
export function describeCertainty(e: RatioEstimate, rule: RatingRule): string {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const events = `${e.volume} event${e.volume === 1 ? '' : 's'}`;
  if (
    e.corrected === null ||
    e.low === null ||
    e.high === null ||
    e.volume < rule.minVolume ||
    e.volume === 0
  ) {
    return `Not enough data: ${events}, at least ${rule.minVolume} needed.`;
  }
  const range = `between ${pct(e.low)} and ${pct(e.high)} (${pct(e.level)} sure)`;
  if (!isRated(e, rule)) {
    return `Too uncertain to call: ${range} from ${events}; more data is needed before this is a figure.`;
  }
  const raw =
    e.raw === null ? '' : ` (${pct(e.raw)} as labelled, before correcting for the classifier's known errors)`;
  return `${range[0]?.toUpperCase()}${range.slice(1)}; best estimate ${pct(e.corrected)} from ${events}${raw}.`;
}
