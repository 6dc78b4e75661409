import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SoftmaxModel, SoftmaxWeightsSchema, softmax, softmaxOf } from './softmax-model';

const weights = {
  classes: ['push', 'pull'],
  bias: [0.5, -0.5],
  temperature: 2,
  weights: { 'r:question-sentence': [-1, 3] },
  lexical: { '11': [0, 2], '12': [1, 1] },
};

describe('SoftmaxModel', () => {
  it('adds structural weights one by one and scales wording by 1/√n', () => {
    const model = new SoftmaxModel(weights);
    expect(model.lexicalLogits([11, 12, 13, 14])).toEqual([0.5, 1.5]);
    expect(model.logits(['r:question-sentence', 'r:unknown'], [0.5, 1.5])).toEqual([
      0.5 - 1 + 0.5,
      -0.5 + 3 + 1.5,
    ]);
    expect(model.lexicalLogits([])).toEqual([0, 0]);
  });

  it('gives probabilities that sum to 1, softened by the temperature', () => {
    const model = new SoftmaxModel(weights);
    const p = model.probabilities(['r:question-sentence'], [0, 0]);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 12);
    expect(p).toEqual(softmax([-0.5, 2.5], 2));
    expect(p[1]).toBeLessThan(softmax([-0.5, 2.5], 1)[1]!);
  });

  it('names the structural features that pushed a class up most', () => {
    const model = new SoftmaxModel(weights);
    expect(model.strongestFor(['r:question-sentence', 'r:unknown'], 1, 3)).toEqual(['r:question-sentence']);
    expect(model.strongestFor(['r:question-sentence'], 0, 3)).toEqual([]);
  });

  it('ranks by the margin over the mean of the other classes, ties by name, at most `limit`', () => {
    const model = new SoftmaxModel({
      ...weights,
      classes: ['push', 'pull', 'neutral'],
      bias: [0, 0, 0],
      weights: { a: [3, 1, 1], b: [2, 0, 0], c: [4, 0, 8], d: [2, -1, 1], e: [0, 1, 1] }, // margins for push: 2, 2, 0, 2, -1
      lexical: {},
    });
    expect(model.strongestFor(['e', 'd', 'c', 'b', 'a', 'z'], 0, 3)).toEqual(['a', 'b', 'd']);
    expect(model.strongestFor(['a', 'c'], 2, 3)).toEqual(['c']); // c: 8 - (4 + 0) / 2 = 6; a: 1 - 2 < 0
  });

  it('names the same features as a stable sort of all of them would, ties and all', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 3, maxLength: 3 }), {
          minLength: 8,
          maxLength: 8,
        }),
        fc.shuffledSubarray(names),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 5 }),
        (rows, features, k, limit) => {
          const w = Object.fromEntries(names.map((n, i) => [n, rows[i] as number[]]));
          const model = new SoftmaxModel({
            ...weights,
            classes: ['x', 'y', 'z'],
            bias: [0, 0, 0],
            weights: w,
            lexical: {},
          });
          const margin = (f: string) => {
            const r = w[f] as number[];
            const sum = r.reduce((a, b) => a + b, 0);
            return (r[k] as number) - (sum - (r[k] as number)) / 2;
          };
          const bySort = features
            .map((f) => [f, margin(f)] as const)
            .filter(([, m]) => m > 0)
            .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
            .slice(0, limit)
            .map(([f]) => f);
          expect(model.strongestFor(features, k, limit)).toEqual(bySort);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('softmax and softmaxOf a row’s columns give what the array-method version (0.5.0) gave, to the last bit', () => {
    const byArrays = (logits: readonly number[], temperature: number) => {
      const scaled = logits.map((l) => l / temperature);
      const max = Math.max(...scaled);
      const exps = scaled.map((l) => Math.exp(l - max));
      const sum = exps.reduce((a, b) => a + b, 0);
      return exps.map((e) => e / sum);
    };
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        (logits, t) => {
          const row = Float64Array.from(logits);
          expect(softmaxOf(row, 0, 3, t)).toEqual(byArrays(logits.slice(0, 3), t));
          expect(softmaxOf(row, 3, 5, t)).toEqual(byArrays(logits.slice(3, 5), t));
          expect(softmax(logits, t)).toEqual(byArrays(logits, t));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects weights whose vectors do not match the classes', () => {
    expect(SoftmaxWeightsSchema.safeParse({ ...weights, bias: [1] }).success).toBe(false);
    expect(SoftmaxWeightsSchema.safeParse({ ...weights, weights: { x: [1, 2, 3] } }).success).toBe(false);
    expect(SoftmaxWeightsSchema.safeParse({ ...weights, lexical: { word: [1, 2] } }).success).toBe(false);
  });
});
