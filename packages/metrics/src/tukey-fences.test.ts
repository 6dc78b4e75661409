import { describe, expect, it } from 'vitest';
import { tukeyFences } from './tukey-fences';

describe('tukeyFences', () => {
  it('is [Q1 − 1.5·IQR, Q3 + 1.5·IQR] with linear quantiles, the outliers of the overview and the review pack', () => {
    const [low, high] = tukeyFences([0.9, 0.1, 0.3, 0.2, 0.4]) as [number, number];
    expect(low).toBeCloseTo(-0.1, 12);
    expect(high).toBeCloseTo(0.7, 12);
  });

  it('needs four values', () => {
    expect(tukeyFences([0.1, 0.2, 0.3])).toBeNull();
  });
});
