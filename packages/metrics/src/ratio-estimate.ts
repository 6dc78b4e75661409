import { PushpullError } from '@pushpull/core';
import type { LabelCorrection } from './label-correction';
import { entry } from './matrix';
import { normalQuantile } from './normal-quantile';

/** The observed label counts of one source (classes in its correction's `labels` order) and its correction. */
export interface Stratum {
  observed: readonly number[];
  correction: LabelCorrection;
}

/** Which classes a ratio counts: `numerator` ⊆ `denominator`, by label. */
export interface RatioSpec {
  numerator: readonly string[];
  denominator: readonly string[];
}

/** A ratio with its correction and 90% (or `level`) interval. Null figures mean "no events to compute from". */
export interface RatioEstimate {
  /** The ratio of the observed counts, as the classifier labelled them. */
  raw: number | null;
  /** The ratio of the estimated true counts (corrected for the classifier's known confusion). */
  corrected: number | null;
  /** Lower end of the interval of the true ratio. */
  low: number | null;
  /** Upper end of the interval of the true ratio. */
  high: number | null;
  /** Observed events in the denominator's classes: the volume behind the ratio. */
  volume: number;
  /** The interval's coverage, e.g. 0.9. */
  level: number;
}

/** The coverage of every interval unless said otherwise. */
export const DEFAULT_INTERVAL_LEVEL = 0.9;

/**
 * A ratio of label counts (e.g. push share = push / (push + pull)) from one or more sources, each with
 * its own classifier confusion.
 *
 * - `corrected`: every source's observed counts become estimated true counts (`inverse · observed`,
 *   negative estimates clipped to 0), summed over sources, and the ratio taken.
 * - the interval: a normal interval around the ratio of pseudo-count-smoothed counts (z²/2 events
 *   added to the denominator's classes, spread over sources by volume, as Agresti–Coull do for one
 *   binomial, so that 20 of 20 is not "exactly 1"), whose variance (delta method) adds the volume's
 *   multinomial sampling and every source's confusion-matrix uncertainty (`correction.covariance`).
 *   It is clipped to [0, 1] and always holds `corrected`.
 *
 * @throws PushpullError `metrics.ratio_invalid` when a class is not in a correction's labels or the
 *   counts do not match them.
 * @example
 * const id = identityCorrection(['push', 'pull', 'neutral']);
 * const e = estimateRatio([{ observed: [30, 10, 5], correction: id }], { numerator: ['push'], denominator: ['push', 'pull'] });
 * e.raw // 0.75; e.corrected // 0.75; e.low < 0.75 < e.high
 */
export function estimateRatio(
  strata: readonly Stratum[],
  spec: RatioSpec,
  level: number = DEFAULT_INTERVAL_LEVEL,
): RatioEstimate {
  const z = normalQuantile(0.5 + level / 2);
  const parts = strata.map((s) => indexed(s, spec));
  const sumOf = (values: readonly number[], indices: readonly number[]) =>
    indices.reduce((sum, j) => sum + at(values, j), 0);
  const volume = parts.reduce((sum, p) => sum + p.volume, 0);
  const rawNum = parts.reduce((sum, p) => sum + sumOf(p.observed, p.num), 0);
  const none: RatioEstimate = { raw: null, corrected: null, low: null, high: null, volume, level };
  if (volume <= 0) return none;

  const totals = (counts: (p: Part) => readonly number[]) => {
    let num = 0;
    let den = 0;
    for (const p of parts) {
      const t = trueCounts(p.correction, counts(p));
      num += sumOf(t, p.num);
      den += sumOf(t, p.den);
    }
    return { num, den };
  };
  const point = totals((p) => p.observed);
  const corrected = point.den > 0 ? clamp01(point.num / point.den) : null;

  // Smoothed counts: z²/2 pseudo-events on each denominator class, shared out by each source's volume.
  const smoothed = new Map<Part, number[]>(
    parts.map((p) => [
      p,
      p.observed.map((o, j) => (p.den.includes(j) ? o + ((p.volume / volume) * z * z) / 2 : o)),
    ]),
  );
  const smoothedOf = (p: Part) => smoothed.get(p) ?? p.observed;
  const centre = totals(smoothedOf);
  if (!(centre.den > 0)) return { ...none, raw: rawNum / volume, corrected };
  const r = clamp01(centre.num / centre.den);

  let variance = 0;
  for (const p of parts) {
    const o = smoothedOf(p);
    const k = o.length;
    const inv = p.correction.inverse;
    // The gradient of N - rD by each observed count (w) and by each entry of the inverse (g).
    const coef = (i: number) => (p.num.includes(i) ? 1 : 0) - (p.den.includes(i) ? r : 0);
    const w = o.map((_, j) => inv.reduce((sum, _row, i) => sum + coef(i) * entry(inv, i, j), 0));
    const m = o.reduce((a, b) => a + b, 0);
    const wo = w.reduce((sum, wj, j) => sum + wj * at(o, j), 0);
    variance += w.reduce((sum, wj, j) => sum + wj * wj * at(o, j), 0) - (m > 0 ? (wo * wo) / m : 0);
    const g: number[] = [];
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) g.push(coef(i) * at(o, j));
    const cov = p.correction.covariance;
    g.forEach((ga, a) => {
      if (ga === 0) return;
      g.forEach((gb, b) => {
        variance += ga * gb * entry(cov, a, b);
      });
    });
  }
  const se = Math.sqrt(Math.max(0, variance)) / centre.den;
  let low = clamp01(r - z * se);
  let high = clamp01(r + z * se);
  if (corrected !== null) {
    low = Math.min(low, corrected);
    high = Math.max(high, corrected);
  }
  return { raw: rawNum / volume, corrected, low, high, volume, level };
}

/**
 * Estimated true counts of one source: `inverse · observed`, negatives clipped to 0.
 *
 * @example trueCounts(identityCorrection(['push', 'pull']), [3, 1]) // [3, 1]
 */
export function trueCounts(correction: LabelCorrection, observed: readonly number[]): number[] {
  return correction.inverse.map((row) =>
    Math.max(
      0,
      row.reduce((sum, a, j) => sum + a * at(observed, j), 0),
    ),
  );
}

interface Part {
  observed: readonly number[];
  correction: LabelCorrection;
  num: number[];
  den: number[];
  volume: number;
}

function indexed(s: Stratum, spec: RatioSpec): Part {
  const labels = s.correction.labels;
  const index = (label: string) => {
    const i = labels.indexOf(label);
    if (i < 0) {
      throw new PushpullError('metrics.ratio_invalid', `class "${label}" is not one of ${labels.join('/')}`, {
        label,
        labels,
      });
    }
    return i;
  };
  if (s.observed.length !== labels.length || s.observed.some((o) => !(o >= 0))) {
    throw new PushpullError(
      'metrics.ratio_invalid',
      `observed counts [${s.observed.join(', ')}] do not match the classes ${labels.join('/')}`,
      { labels },
    );
  }
  const num = spec.numerator.map(index);
  const den = spec.denominator.map(index);
  return { ...s, num, den, volume: den.reduce((a, j) => a + at(s.observed, j), 0) };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function at(values: readonly number[], i: number): number {
  return values[i] as number;
}
