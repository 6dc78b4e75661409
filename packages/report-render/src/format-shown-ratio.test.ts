import { describe, expect, it } from 'vitest';
import { formatInterval, formatRawNote, formatShownRatio, shownValue } from './format-shown-ratio';
import { ratio, unrated } from './testing/test-reviews';

describe('formatShownRatio', () => {
  it('shows the corrected share with its interval, rounded to whole percentages', () => {
    expect(formatShownRatio(ratio(0.724, 0.581, 0.829, 0.7))).toBe('72% (58–83%)');
    expect(formatInterval(ratio(0.724, 0.581, 0.829))).toBe('58–83%');
  });

  it('shows the raw share alone before corrections exist', () => {
    const r = { ...ratio(null, null, null, 0.75), rated: true };
    expect(shownValue(r)).toEqual({ value: 0.75, used: 'raw' });
    expect(formatShownRatio(r)).toBe('75%');
    expect(formatRawNote(r)).toBe('raw 75% shown (no correction)');
  });

  it('says which figure was used beside the raw share', () => {
    const r = ratio(0.72, 0.58, 0.83, 0.7);
    expect(shownValue(r).used).toBe('corrected');
    expect(formatRawNote(r)).toBe('raw 70%, corrected shown');
  });

  it('never shows a number for a figure that is not rated, not even the raw one', () => {
    expect(formatShownRatio(unrated(0.4))).toBe('not enough data');
    expect(formatRawNote(unrated(0.4))).toBe('');
  });
});
