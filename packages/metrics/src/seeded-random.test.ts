import { describe, expect, it } from 'vitest';
import { sampleDirichlet, sampleGamma, seededRandom } from './seeded-random';

describe('seededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
  it('draws gammas and Dirichlets with the right means', () => {
    const random = seededRandom(5);
    const n = 20_000;
    let g = 0;
    let small = 0;
    const d = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      g += sampleGamma(random, 3) / n;
      small += sampleGamma(random, 0.5) / n;
      sampleDirichlet(random, [6, 3, 1]).forEach((x, k) => {
        d[k] = (d[k] ?? 0) + x / n;
      });
    }
    expect(g).toBeCloseTo(3, 1);
    expect(small).toBeCloseTo(0.5, 1);
    expect(d[0]).toBeCloseTo(0.6, 2);
    expect(d[1]).toBeCloseTo(0.3, 2);
    expect(d[2]).toBeCloseTo(0.1, 2);
  });
  it('refuses a non-positive gamma shape', () => {
    expect(() => sampleGamma(seededRandom(1), 0)).toThrow(/shape/);
  });
});
