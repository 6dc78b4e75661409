import { describe, expect, it } from 'vitest';
import { bandOfInterval, complementOf, describeCertainty, intervalsOverlap, isRated } from './interval-band';
import type { RatioEstimate } from './ratio-estimate';

const rule = { minVolume: 20, maxIntervalWidth: 0.3 };
const est = (corrected: number, low: number, high: number, volume = 40): RatioEstimate => ({
  raw: corrected - 0.02,
  corrected,
  low,
  high,
  volume,
  level: 0.9,
});

describe('figures decided on their interval', () => {
  it('rates a figure only with the volume and a narrow enough interval', () => {
    expect(isRated(est(0.7, 0.6, 0.8), rule)).toBe(true);
    expect(isRated(est(0.7, 0.6, 0.8, 19), rule)).toBe(false);
    expect(isRated(est(0.7, 0.5, 0.85), rule)).toBe(false);
    expect(isRated({ ...est(0.7, 0.6, 0.8), corrected: null }, rule)).toBe(false);
  });
  it('calls a band only when the whole interval is outside it', () => {
    expect(bandOfInterval(est(0.95, 0.91, 0.99), [0.6, 0.9], rule)).toBe('too pushy');
    expect(bandOfInterval(est(0.95, 0.85, 0.99), [0.6, 0.9], rule)).toBe('in band');
    expect(bandOfInterval(est(0.2, 0.1, 0.29), [0.3, 0.6], rule)).toBe('too pully');
    expect(bandOfInterval(est(0.2, 0.1, 0.3), [0.3, 0.6], rule)).toBe('in band');
    expect(bandOfInterval(est(0.2, 0.1, 0.45), [0.3, 0.6], rule)).toBe('not enough data');
    expect(bandOfInterval(est(0.2, 0.1, 0.2, 5), [0.3, 0.6], rule)).toBe('not enough data');
  });
  it('tells overlapping intervals apart from separate ones', () => {
    expect(intervalsOverlap(est(0.3, 0.2, 0.5), est(0.6, 0.45, 0.7))).toBe(true);
    expect(intervalsOverlap(est(0.3, 0.2, 0.4), est(0.6, 0.45, 0.7))).toBe(false);
    expect(intervalsOverlap({ low: null, high: null }, est(0.6, 0.45, 0.7))).toBe(true);
  });
  it('mirrors a share into its complement', () => {
    const c = complementOf(est(0.7, 0.6, 0.85));
    expect(c.corrected).toBeCloseTo(0.3, 12);
    expect(c.low).toBeCloseTo(0.15, 12);
    expect(c.high).toBeCloseTo(0.4, 12);
    expect(c.raw).toBeCloseTo(0.32, 12);
    expect(c.volume).toBe(40);
  });
  it('says how sure a figure is in plain words', () => {
    expect(describeCertainty(est(0.72, 0.58, 0.83), rule)).toBe(
      "Between 58% and 83% (90% sure); best estimate 72% from 40 events (70% as labelled, before correcting for the classifier's known errors).",
    );
    expect(describeCertainty(est(0.72, 0.4, 0.9), rule)).toMatch(
      /^Too uncertain to call: between 40% and 90%/,
    );
    expect(describeCertainty(est(0.72, 0.6, 0.8, 7), rule)).toBe(
      'Not enough data: 7 events, at least 20 needed.',
    );
  });
});
