import { describe, expect, it } from 'vitest';
import { downwardPullShare, externalPullShare, pullShare } from './pull-share';
import { counts } from './testing/test-counts';

describe('pull shares', () => {
  it('pullShare is pull / (push + pull)', () => {
    expect(pullShare(counts(6, 2))).toBe(0.25);
    expect(pullShare(counts(2, 2), 4)).toBe(0.5);
    expect(pullShare(counts(2, 1), 4)).toBeNull();
  });

  it('downwardPullShare reads only the down direction', () => {
    const c = { down: counts(7, 3, 5), up: counts(0, 50), external: counts(1, 9) };
    expect(downwardPullShare(c)).toBe(0.3);
    expect(downwardPullShare({ up: counts(10, 10) })).toBeNull();
    expect(downwardPullShare({ down: counts(2, 2) })).toBeNull(); // volume 4 < 5
    expect(downwardPullShare({ down: counts(3, 2) })).toBe(0.4); // exactly 5
  });

  it('externalPullShare reads only the external direction', () => {
    const c = { down: counts(7, 3), external: counts(8, 2) };
    expect(externalPullShare(c)).toBe(0.2);
    expect(externalPullShare(c, 11)).toBeNull();
    expect(externalPullShare({ external: counts(0, 6) })).toBe(1);
  });
});
