import { describe, expect, it } from 'vitest';
import { cohenKappa } from './cohen-kappa';

describe('cohenKappa', () => {
  it('is 1 for perfect agreement and 0 for agreement at chance', () => {
    expect(
      cohenKappa([
        ['a', 'a'],
        ['b', 'b'],
        ['c', 'c'],
      ]).kappa,
    ).toBe(1);
    // Each rater says a half the time, independently of the other: chance agreement 0.5, observed 0.5.
    expect(
      cohenKappa([
        ['a', 'a'],
        ['a', 'b'],
        ['b', 'a'],
        ['b', 'b'],
      ]).kappa,
    ).toBe(0);
  });

  it('matches a worked example (observed 0.7, chance 0.5 → 0.4)', () => {
    const pairs: [string, string][] = [
      ...Array.from({ length: 20 }, () => ['yes', 'yes'] as [string, string]),
      ...Array.from({ length: 5 }, () => ['yes', 'no'] as [string, string]),
      ...Array.from({ length: 10 }, () => ['no', 'yes'] as [string, string]),
      ...Array.from({ length: 15 }, () => ['no', 'no'] as [string, string]),
    ];
    const k = cohenKappa(pairs);
    expect(k.n).toBe(50);
    expect(k.agreement).toBeCloseTo(0.7, 10);
    expect(k.kappa).toBeCloseTo(0.4, 10);
  });

  it('is NaN for no items', () => {
    expect(cohenKappa([]).kappa).toBeNaN();
  });
});
