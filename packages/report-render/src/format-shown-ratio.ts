import type { ShownRatio } from './review-model';

/** How a figure that is not rated reads: never as a number (PRODUCT.md). */
export const NOT_ENOUGH_DATA = 'not enough data';

/**
 * A share as a whole percentage.
 *
 * @example formatPercent(0.724) // '72%'
 */
export function formatPercent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/**
 * Which figure a review shows for a ratio: the corrected share when there is one, else the raw share
 * as labelled (before corrections exist, or where they do not apply).
 *
 * @example shownValue({ raw: 0.7, corrected: 0.72, … }) // { value: 0.72, used: 'corrected' }
 */
export function shownValue(r: ShownRatio): { value: number | null; used: 'corrected' | 'raw' } {
  return r.corrected !== null ? { value: r.corrected, used: 'corrected' } : { value: r.raw, used: 'raw' };
}

/**
 * A ratio for people to read: the shown value with its interval, e.g. "72% (58–83%)", the value alone
 * when there is no interval, and "not enough data" when the figure is not rated.
 *
 * @example
 * formatShownRatio({ raw: 0.7, corrected: 0.72, low: 0.58, high: 0.83, volume: 40, level: 0.9, rated: true, certainty: null })
 * // '72% (58–83%)'
 */
export function formatShownRatio(r: ShownRatio): string {
  const { value } = shownValue(r);
  if (!r.rated || value === null || Number.isNaN(value)) return NOT_ENOUGH_DATA;
  const interval = formatInterval(r);
  return interval ? `${formatPercent(value)} (${interval})` : formatPercent(value);
}

/**
 * The interval alone, "58–83%", or null without one.
 *
 * @example formatInterval({ …, low: 0.58, high: 0.83 }) // '58–83%'
 */
export function formatInterval(r: Pick<ShownRatio, 'low' | 'high'>): string | null {
  if (r.low === null || r.high === null) return null;
  return `${Math.round(r.low * 100)}–${formatPercent(r.high)}`;
}

/**
 * The raw share and which figure was used, for the column beside a ratio: "raw 70%, corrected shown" or
 * "raw 70% shown (no correction)"; empty when the figure is not rated (no number is shown then, not
 * even the raw one).
 *
 * @example formatRawNote({ raw: 0.7, corrected: 0.72, … }) // 'raw 70%, corrected shown'
 */
export function formatRawNote(r: ShownRatio): string {
  if (r.raw === null || !r.rated) return '';
  const raw = `raw ${formatPercent(r.raw)}`;
  return shownValue(r).used === 'corrected' ? `${raw}, corrected shown` : `${raw} shown (no correction)`;
}
