import { describe, expect, it } from 'vitest';
import { trend } from './trend';

describe('trend', () => {
  it('fits a least-squares line, skipping empty periods but keeping their place', () => {
    // Points (0, 0.2), (2, 0.4), (3, 0.5): mean x 5/3, mean y 11/30; slope = 0.1 exactly.
    const t = trend([0.2, null, 0.4, 0.5]);
    expect(t.direction).toBe('rising');
    expect(t.slope).toBeCloseTo(0.1, 10);
    expect(t.change).toBeCloseTo(0.3, 10);
  });

  it('names falling and flat series', () => {
    expect(trend([0.9, 0.7, 0.5]).direction).toBe('falling');
    expect(trend([0.9, 0.7, 0.5]).change).toBeCloseTo(-0.4);
    // Change over the series 0.02 < 0.05.
    expect(trend([0.5, 0.52, 0.51, 0.52]).direction).toBe('flat');
    expect(trend([0.5, 0.52, 0.51, 0.52], { flatBelow: 0.01 }).direction).toBe('rising');
  });

  it('needs enough points with a value', () => {
    expect(trend([0.1, null, 0.9])).toEqual({ direction: 'not enough data', slope: null, change: null });
    expect(trend([])).toEqual({ direction: 'not enough data', slope: null, change: null });
    expect(trend([0.1, 0.9], { minPoints: 2 }).direction).toBe('rising');
  });
});
