import { describe, expect, it } from 'vitest';
import { formatRatio, NOT_ENOUGH_DATA } from './format-ratio';
import { pushShare } from './push-share';
import { counts } from './testing/test-counts';

describe('formatRatio', () => {
  it('shows a ratio rounded, and "not enough data" below the minimum volume', () => {
    expect(formatRatio(pushShare(counts(3, 1), 4))).toBe('0.75');
    expect(formatRatio(pushShare(counts(3, 1)))).toBe(NOT_ENOUGH_DATA);
    expect(formatRatio(2 / 3, 3)).toBe('0.667');
  });
});
