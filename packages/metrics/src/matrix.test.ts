import { describe, expect, it } from 'vitest';
import { invertMatrix, transpose } from './matrix';

describe('invertMatrix', () => {
  it('inverts a matrix so that the product is the identity', () => {
    const m = [
      [0.8, 0.1, 0.1],
      [0.3, 0.6, 0.1],
      [0.05, 0.05, 0.9],
    ];
    const inv = invertMatrix(m);
    expect(inv).not.toBeNull();
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const product = m[i]?.reduce((sum, a, k) => sum + a * (inv?.[k]?.[j] ?? Number.NaN), 0);
        expect(product).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });
  it('needs pivoting when the first pivot is zero', () => {
    expect(
      invertMatrix([
        [0, 1],
        [1, 0],
      ]),
    ).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });
  it('says null for a singular matrix', () => {
    expect(
      invertMatrix([
        [0.5, 0.5],
        [0.5, 0.5],
      ]),
    ).toBeNull();
  });
  it('transposes', () => {
    expect(
      transpose([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });
});
