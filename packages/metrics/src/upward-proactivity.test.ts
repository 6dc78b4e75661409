import { describe, expect, it } from 'vitest';
import { counts } from './testing/test-counts';
import { upwardProactivity } from './upward-proactivity';

describe('upwardProactivity', () => {
  it('is proactive pushes up / all pushes up; pulls and neutrals do not count', () => {
    expect(upwardProactivity({ up: counts(8, 20, 7, 6) })).toBe(0.75);
    expect(upwardProactivity({ up: counts(10, 0, 0, 0) })).toBe(0);
    expect(upwardProactivity({ up: counts(5, 0, 0, 5) })).toBe(1);
  });

  it('needs the minimum volume of pushes up (not of all events)', () => {
    expect(upwardProactivity({ up: counts(4, 30, 30, 4) })).toBeNull();
    expect(upwardProactivity({ up: counts(5, 0, 0, 2) })).toBe(0.4);
    expect(upwardProactivity({ up: counts(3, 0, 0, 1) }, 3)).toBeCloseTo(1 / 3, 12);
    expect(upwardProactivity({ down: counts(50, 0) })).toBeNull();
  });
});
