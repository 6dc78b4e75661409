import { describe, expect, it } from 'vitest';
import { pushOnly } from './push-only';
import { counts } from './testing/test-counts';

describe('pushOnly', () => {
  it('flags push share above 0.9 in every direction with enough volume', () => {
    expect(pushOnly({ down: counts(19, 1), peer: counts(10, 0) })).toBe(true); // 0.95 and 1
    expect(pushOnly({ down: counts(19, 1), peer: counts(10, 0), external: counts(7, 0) })).toBe(true);
  });

  it('ignores directions below the minimum volume', () => {
    // up is 1 push + 3 pulls = volume 4 < 5: ignored
    expect(pushOnly({ down: counts(19, 1), peer: counts(10, 0), up: counts(1, 3) })).toBe(true);
    expect(pushOnly({ down: counts(19, 1), peer: counts(10, 0), up: counts(2, 3) })).toBe(false); // volume 5, 0.4
  });

  it('is strict at 0.9: exactly 0.9 is not push-only', () => {
    expect(pushOnly({ down: counts(9, 1), peer: counts(10, 0) })).toBe(false);
    expect(pushOnly({ down: counts(91, 9), peer: counts(10, 0) })).toBe(true); // 0.91
  });

  it('needs at least two directions with enough volume', () => {
    expect(pushOnly({ down: counts(100, 0) })).toBe(false);
    expect(pushOnly({ down: counts(100, 0), peer: counts(4, 0) })).toBe(false);
    expect(pushOnly({ down: counts(100, 0), peer: counts(4, 0) }, 4)).toBe(true);
    expect(pushOnly({})).toBe(false);
  });

  it('looks only at people directions, not broadcasts, unknown or none', () => {
    expect(pushOnly({ down: counts(10, 0), broadcast: counts(10, 0), none: counts(10, 0) })).toBe(false);
    expect(pushOnly({ down: counts(10, 0), lateral: counts(10, 0), unknown: counts(0, 10) })).toBe(true);
  });
});
