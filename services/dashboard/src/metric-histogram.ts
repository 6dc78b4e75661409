/** One bin of a histogram of ratios: leaders with a value in `[from, to)` (the last bin holds 1). */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/**
 * How many values fall in each of `bins` equal bins over [0, 1]; a value on a bin edge goes to the
 * upper bin, and 1 to the last. Values outside [0, 1] are clamped into it.
 *
 * @example histogramBins([0, 0.05, 0.1, 1], 10).map((b) => b.count) // [2, 1, 0, 0, 0, 0, 0, 0, 0, 1]
 */
export function histogramBins(values: readonly number[], bins = 10): HistogramBin[] {
  const out: HistogramBin[] = [];
  for (let i = 0; i < bins; i++) out.push({ from: round(i / bins), to: round((i + 1) / bins), count: 0 });
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    // the epsilon keeps 0.3 (= 2.9999… × 0.1 in floating point) in the bin that starts at 0.3
    const i = Math.min(bins - 1, Math.max(0, Math.floor(v * bins + 1e-9)));
    out[i]!.count++;
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
