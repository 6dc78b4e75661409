import { describe, expect, it } from 'vitest';
import { histogramBins } from './metric-histogram';

describe('histogramBins', () => {
  it('puts values in ten bins over [0, 1], edges in the upper bin and 1 in the last', () => {
    const bins = histogramBins([0, 0.05, 0.1, 0.3, 0.2999, 0.95, 1]);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ from: 0, to: 0.1, count: 2 });
    expect(bins[1]!.count).toBe(1);
    expect(bins[2]!.count).toBe(1);
    expect(bins[3]!.count).toBe(1);
    expect(bins[9]).toEqual({ from: 0.9, to: 1, count: 2 });
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(7);
  });

  it('clamps out-of-range values and skips non-finite ones', () => {
    const bins = histogramBins([-0.2, 1.4, Number.NaN], 4);
    expect(bins.map((b) => b.count)).toEqual([1, 0, 0, 1]);
  });
});
