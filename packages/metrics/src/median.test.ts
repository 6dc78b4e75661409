import { describe, expect, it } from 'vitest';
import { median } from './median';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([7])).toBe(7);
  });

  it('averages the two middle values of an even count (like percentile_cont(0.5))', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([0.2, 0.8])).toBe(0.5);
  });

  it('is null without values and ignores NaN', () => {
    expect(median([])).toBeNull();
    expect(median([Number.NaN, 3, 1])).toBe(2);
  });
});
