/** Which way a series of ratios is heading. */
export type TrendDirection = 'rising' | 'falling' | 'flat' | 'not enough data';

/** The trend of a series: its least-squares slope and the change the fitted line makes over the series. */
export interface Trend {
  direction: TrendDirection;
  /** Fitted change per period (per step of the series); null with too few points. */
  slope: number | null;
  /** Fitted change from the first to the last point that has a value; null with too few points. */
  change: number | null;
}

/** Options of `trend`. */
export interface TrendOptions {
  /** Points with a value needed for a trend (default 3). */
  minPoints?: number;
  /** A fitted change smaller than this (in absolute value) is `flat` (default 0.05, i.e. five points of share). */
  flatBelow?: number;
}

/**
 * The trend of a series of per-period ratios (e.g. a team's upward proactivity week by week), oldest
 * first; null entries ("not enough data" periods) are skipped but keep their place in time.
 *
 * @example
 * trend([0.2, null, 0.4, 0.5]) // { direction: 'rising', slope: 0.1, change: 0.3 }
 * trend([0.5, 0.5])            // { direction: 'not enough data', slope: null, change: null }
 */
export function trend(values: readonly (number | null)[], options: TrendOptions = {}): Trend {
  const minPoints = Math.max(2, options.minPoints ?? 3);
  const flatBelow = options.flatBelow ?? 0.05;
  const points = values.flatMap((y, x) => (y === null || Number.isNaN(y) ? [] : [{ x, y }]));
  if (points.length < minPoints) return { direction: 'not enough data', slope: null, change: null };
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - meanX) * (p.y - meanY);
    sxx += (p.x - meanX) ** 2;
  }
  const slope = sxy / sxx;
  const change = slope * ((points[n - 1] as { x: number }).x - (points[0] as { x: number }).x);
  const direction = Math.abs(change) < flatBelow ? 'flat' : change > 0 ? 'rising' : 'falling';
  return { direction, slope, change };
}
