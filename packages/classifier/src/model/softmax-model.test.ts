import { describe, expect, it } from 'vitest';
import { SoftmaxModel, SoftmaxWeightsSchema, softmax } from './softmax-model';

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

  it('rejects weights whose vectors do not match the classes', () => {
    expect(SoftmaxWeightsSchema.safeParse({ ...weights, bias: [1] }).success).toBe(false);
    expect(SoftmaxWeightsSchema.safeParse({ ...weights, weights: { x: [1, 2, 3] } }).success).toBe(false);
    expect(SoftmaxWeightsSchema.safeParse({ ...weights, lexical: { word: [1, 2] } }).success).toBe(false);
  });
});
