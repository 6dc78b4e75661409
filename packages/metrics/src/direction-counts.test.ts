import { describe, expect, it } from 'vitest';
import { emptyModeCounts, mergeDirectionCounts } from './direction-counts';
import { counts } from './testing/test-counts';

describe('mergeDirectionCounts', () => {
  it('adds counts per direction and keeps absent directions absent', () => {
    const merged = mergeDirectionCounts(
      { up: counts(2, 1, 1, 1), down: counts(3, 0) },
      { up: counts(4, 2, 0, 4) },
      {},
    );
    expect(merged).toEqual({
      up: { push: 6, pull: 3, neutral: 1, proactivePush: 5, responsivePush: 1 },
      down: { push: 3, pull: 0, neutral: 0, proactivePush: 3, responsivePush: 0 },
    });
    expect('peer' in merged).toBe(false);
  });

  it('does not modify its inputs', () => {
    const a = { up: counts(1, 1) };
    mergeDirectionCounts(a, a);
    expect(a.up).toEqual(counts(1, 1));
    expect(emptyModeCounts()).toEqual(counts(0, 0));
  });
});
