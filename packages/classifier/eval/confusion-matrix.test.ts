import { describe, expect, it } from 'vitest';
import { accuracy, classScores, confusionMatrix, macroF1 } from './confusion-matrix';

const LABELS = ['push', 'pull', 'neutral'] as const;
type L = (typeof LABELS)[number];
/** The matrix over LABELS of `n` items of each (gold, predicted) row. */
const matrixOf = (rows: [L, L, number][]) =>
  confusionMatrix(
    LABELS,
    rows.flatMap(([gold, predicted, n]) => Array.from({ length: n }, () => ({ gold, predicted }))),
  );

describe('confusion matrix and scores, checked by hand', () => {
  // gold push: 5 → push 4, pull 1; gold pull: 3 → pull 2, push 1; gold neutral: 2 → neutral 1, push 1.
  const m = matrixOf([
    ['push', 'push', 4],
    ['push', 'pull', 1],
    ['pull', 'pull', 2],
    ['pull', 'push', 1],
    ['neutral', 'neutral', 1],
    ['neutral', 'push', 1],
  ]);

  it('counts gold rows against predicted columns', () => {
    expect(m.counts).toEqual([
      [4, 1, 0],
      [1, 2, 0],
      [1, 0, 1],
    ]);
  });

  it('computes precision, recall and F1 per class', () => {
    const [push, pull, neutral] = classScores(m);
    // push: P = 4/6, R = 4/5, F1 = 2·(2/3)(4/5)/((2/3)+(4/5)) = 8/11
    expect(push).toMatchObject({ label: 'push', support: 5, predicted: 6 });
    expect(push!.precision).toBeCloseTo(4 / 6, 10);
    expect(push!.recall).toBeCloseTo(4 / 5, 10);
    expect(push!.f1).toBeCloseTo(8 / 11, 10);
    // pull: P = 2/3, R = 2/3, F1 = 2/3
    expect(pull!.f1).toBeCloseTo(2 / 3, 10);
    // neutral: P = 1/1, R = 1/2, F1 = 2/3
    expect(neutral!.precision).toBe(1);
    expect(neutral!.recall).toBe(0.5);
    expect(neutral!.f1).toBeCloseTo(2 / 3, 10);
  });

  it('averages F1 over the classes for macro-F1, and counts the diagonal for accuracy', () => {
    expect(macroF1(m)).toBeCloseTo((8 / 11 + 2 / 3 + 2 / 3) / 3, 10);
    expect(accuracy(m)).toBeCloseTo(7 / 10, 10);
  });

  it('scores a class that is never predicted 0, not NaN', () => {
    const never = matrixOf([
      ['neutral', 'push', 2],
      ['push', 'push', 2],
    ]);
    const neutral = classScores(never)[2]!;
    expect(neutral).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 2, predicted: 0 });
    expect(macroF1(never)).toBeCloseTo((2 / 3 + 0 + 0) / 3, 10);
  });

  it('is perfect on a perfect prediction and rejects unknown labels', () => {
    expect(
      macroF1(
        matrixOf([
          ['push', 'push', 1],
          ['pull', 'pull', 1],
          ['neutral', 'neutral', 1],
        ]),
      ),
    ).toBe(1);
    expect(() => confusionMatrix(['a'], [{ gold: 'a', predicted: 'b' as 'a' }])).toThrow(/unknown label b/);
  });
});
