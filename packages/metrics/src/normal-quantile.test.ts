import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal-quantile';

describe('normalQuantile', () => {
  it('gives the textbook z values', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232, 5);
  });
  it('refuses probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(1)).toThrow(RangeError);
    expect(() => normalQuantile(0)).toThrow(RangeError);
  });
});
