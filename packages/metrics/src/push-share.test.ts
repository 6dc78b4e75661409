import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_VOLUME, pushShare, ratio } from './push-share';
import { counts } from './testing/test-counts';

describe('pushShare', () => {
  it('is push / (push + pull), neutrals excluded', () => {
    expect(pushShare(counts(6, 2, 40))).toBe(0.75);
    expect(pushShare(counts(1, 9))).toBe(0.1);
    expect(pushShare(counts(5, 0))).toBe(1);
    expect(pushShare(counts(0, 5))).toBe(0);
  });

  it('is null below the minimum volume and a number exactly at it', () => {
    expect(DEFAULT_MIN_VOLUME).toBe(5);
    expect(pushShare(counts(3, 1, 100))).toBeNull(); // volume 4 < 5; neutrals do not count
    expect(pushShare(counts(4, 1))).toBe(0.8); // volume 5 = 5
    expect(pushShare(counts(3, 1), 4)).toBe(0.75);
    expect(pushShare(counts(3, 1), 5)).toBeNull();
  });

  it('is null for no data at all, even with a minimum volume of zero', () => {
    expect(pushShare(undefined)).toBeNull();
    expect(pushShare(counts(0, 0, 3), 0)).toBeNull();
    expect(pushShare(counts(1, 0), 0)).toBe(1);
  });

  it('ratio guards its denominator', () => {
    expect(ratio(1, 4, 4)).toBe(0.25);
    expect(ratio(1, 3, 4)).toBeNull();
    expect(ratio(0, 0, 0)).toBeNull();
  });
});
