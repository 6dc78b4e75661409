import { isPushpullError } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { identityCorrection, labelCorrection } from './label-correction';

const variances = (c: { covariance: number[][] }) => c.covariance.map((row, i) => row[i] ?? Number.NaN);

describe('labelCorrection', () => {
  it('inverts the transposed rates of the confusion matrix', () => {
    // Rates (with the 0.5 prior) of a matrix this large are the plain row shares to 3 decimals.
    const c = labelCorrection(
      {
        labels: ['push', 'pull'],
        counts: [
          [9000, 1000],
          [2000, 8000],
        ],
      },
      { draws: 200 },
    );
    // M = [[0.9, 0.1], [0.2, 0.8]]; (Mᵀ)⁻¹ = [[0.8, -0.2], [-0.1, 0.9]] / 0.7
    expect(c.inverse[0]?.[0]).toBeCloseTo(0.8 / 0.7, 3);
    expect(c.inverse[0]?.[1]).toBeCloseTo(-0.2 / 0.7, 3);
    expect(c.inverse[1]?.[0]).toBeCloseTo(-0.1 / 0.7, 3);
    expect(c.inverse[1]?.[1]).toBeCloseTo(0.9 / 0.7, 3);
    expect(c.items).toBe(20000);
  });
  it('recovers true counts from counts labelled through the same confusion', () => {
    const c = labelCorrection(
      {
        labels: ['push', 'pull'],
        counts: [
          [9000, 1000],
          [2000, 8000],
        ],
      },
      { draws: 50 },
    );
    // 100 true pushes and 50 true pulls, labelled through the confusion: 90 + 10 push, 10 + 40 pull
    const observed = [100 * 0.9 + 50 * 0.2, 100 * 0.1 + 50 * 0.8];
    const t = c.inverse.map((row) => row.reduce((s, a, j) => s + a * (observed[j] ?? 0), 0));
    expect(t[0]).toBeCloseTo(100, 0);
    expect(t[1]).toBeCloseTo(50, 0);
  });
  it('is deterministic, and less uncertain the more items measured it', () => {
    const small = {
      labels: ['a', 'b', 'c'],
      counts: [
        [40, 5, 5],
        [6, 30, 4],
        [5, 5, 30],
      ],
    };
    const large = { ...small, counts: small.counts.map((r) => r.map((x) => x * 20)) };
    expect(labelCorrection(small)).toEqual(labelCorrection(small));
    const vs = variances(labelCorrection(small));
    const vl = variances(labelCorrection(large));
    vs.forEach((v, i) => {
      expect(v).toBeGreaterThan(0);
      expect(vl[i]).toBeLessThan(v / 5);
    });
  });
  it('refuses a matrix that cannot tell the classes apart, and a malformed one', () => {
    let err: unknown;
    try {
      labelCorrection(
        {
          labels: ['push', 'pull'],
          counts: [
            [50, 50],
            [50, 50],
          ],
        },
        { draws: 10 },
      );
    } catch (e) {
      err = e;
    }
    expect(isPushpullError(err, 'metrics.confusion_singular')).toBe(true);
    expect(() => labelCorrection({ labels: ['push', 'pull'], counts: [[1, 2, 3]] })).toThrow(/square/);
  });
  it('has an identity for sources without a published matrix', () => {
    const id = identityCorrection(['push', 'pull']);
    expect(id.inverse).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(variances(id)).toEqual([0, 0, 0, 0]);
  });
});
