import { isPushpullError } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { identityCorrection, labelCorrection } from './label-correction';
import { estimateRatio } from './ratio-estimate';

const MODES = ['push', 'pull', 'neutral'];
const PUSH_SHARE = { numerator: ['push'], denominator: ['push', 'pull'] };
const id = identityCorrection(MODES);

describe('estimateRatio', () => {
  it('without a confusion, is the raw share with a binomial interval close to Agresti–Coull', () => {
    const e = estimateRatio([{ observed: [30, 10, 7], correction: id }], PUSH_SHARE);
    expect(e.raw).toBe(0.75);
    expect(e.corrected).toBe(0.75);
    expect(e.volume).toBe(40);
    // Agresti–Coull 90% for 30 of 40: centre (30 + 1.353) / 42.706 = 0.7342, half-width 1.645·√(p(1-p)/ñ) = 0.1110
    expect(e.low).toBeCloseTo(0.7342 - 0.111, 2);
    expect(e.high).toBeCloseTo(0.7342 + 0.111, 2);
  });
  it('narrows with volume at the same share', () => {
    const width = (n: number) => {
      const e = estimateRatio([{ observed: [0.6 * n, 0.4 * n, 0], correction: id }], PUSH_SHARE);
      return (e.high ?? 1) - (e.low ?? 0);
    };
    expect(width(400)).toBeLessThan(width(100));
    expect(width(100)).toBeLessThan(width(25));
    expect(width(400) / width(100)).toBeCloseTo(0.5, 1);
  });
  it('does not call 20 of 20 certain', () => {
    const e = estimateRatio([{ observed: [20, 0, 3], correction: id }], PUSH_SHARE);
    expect(e.corrected).toBe(1);
    expect(e.high).toBe(1);
    expect(e.low).toBeGreaterThan(0.8);
    expect(e.low).toBeLessThan(0.97);
  });
  it('undoes a known confusion and widens the interval by its uncertainty', () => {
    // The classifier calls 30% of pulls push and 10% of pushes pull; 10% of neutrals push.
    const counts = [
      [900, 100, 0],
      [300, 700, 0],
      [100, 0, 900],
    ];
    const correction = labelCorrection({ labels: MODES, counts });
    // True: 50 push, 50 pull, 20 neutral -> observed push 45 + 15 + 2 = 62, pull 5 + 35 = 40, neutral 18
    const e = estimateRatio([{ observed: [62, 40, 18], correction }], PUSH_SHARE);
    expect(e.raw).toBeCloseTo(62 / 102, 6);
    expect(e.corrected).toBeCloseTo(0.5, 1);
    const small = labelCorrection({ labels: MODES, counts: counts.map((r) => r.map((x) => x / 20)) });
    const wide = estimateRatio([{ observed: [62, 40, 18], correction: small }], PUSH_SHARE);
    expect((wide.high ?? 0) - (wide.low ?? 0)).toBeGreaterThan((e.high ?? 0) - (e.low ?? 0));
    for (const x of [e, wide]) {
      expect(x.low).toBeLessThanOrEqual(x.corrected ?? Number.NaN);
      expect(x.high).toBeGreaterThanOrEqual(x.corrected ?? Number.NaN);
    }
  });
  it('pools sources, each with its own correction', () => {
    const skewed = labelCorrection({
      labels: MODES,
      counts: [
        [800, 200, 0],
        [0, 1000, 0],
        [0, 0, 1000],
      ],
    });
    // Source A labels right; B calls 20% of pushes pull. True: A 20 push / 20 pull, B 40 push / 0 pull.
    const e = estimateRatio(
      [
        { observed: [20, 20, 0], correction: id },
        { observed: [32, 8, 0], correction: skewed },
      ],
      PUSH_SHARE,
    );
    expect(e.raw).toBeCloseTo(52 / 80, 6);
    expect(e.corrected).toBeCloseTo(60 / 80, 1);
  });
  it('has no figure without events, and names a wrong class or count vector', () => {
    expect(estimateRatio([{ observed: [0, 0, 5], correction: id }], PUSH_SHARE)).toMatchObject({
      raw: null,
      corrected: null,
      low: null,
      high: null,
      volume: 0,
    });
    expect(estimateRatio([], PUSH_SHARE).volume).toBe(0);
    let err: unknown;
    try {
      estimateRatio([{ observed: [1, 2, 3], correction: id }], {
        numerator: ['pushy'],
        denominator: ['push'],
      });
    } catch (e) {
      err = e;
    }
    expect(isPushpullError(err, 'metrics.ratio_invalid')).toBe(true);
    expect(String(err)).toContain('pushy');
    expect(() => estimateRatio([{ observed: [1, 2], correction: id }], PUSH_SHARE)).toThrow(/do not match/);
  });
});
