import { describe, expect, it } from 'vitest';
import { SoftmaxModel } from '../src/model/softmax-model';
import { fitSoftmax, type TrainingExample } from './fit-softmax';

const OPTIONS = {
  classes: ['a', 'b', 'c'],
  l2: 1e-4,
  steps: 200,
  learningRate: 0.1,
  minWordCount: 2,
  balanceClasses: false,
};

/** Three classes, each marked by its own structural feature and its own word, plus shared noise. */
function examples(): TrainingExample[] {
  const out: TrainingExample[] = [];
  for (let i = 0; i < 60; i++) {
    const label = i % 3;
    out.push({
      features: [`cue:${label}`, i % 2 === 0 ? 'noise:x' : 'noise:y'],
      words: [100 + label, 200, 1000 + i],
      label,
      weight: 1,
    });
  }
  return out;
}

describe('fitSoftmax', () => {
  it('learns separable classes: every training example comes out on its own class', () => {
    const weights = fitSoftmax(examples(), OPTIONS);
    const model = new SoftmaxModel(weights);
    for (const e of examples()) {
      const p = model.probabilities(e.features, model.lexicalLogits(e.words));
      expect(p.indexOf(Math.max(...p)), e.features.join()).toBe(e.label);
    }
  });

  it('is reproducible to the byte: no randomness, features in sorted order', () => {
    const first = JSON.stringify(fitSoftmax(examples(), OPTIONS));
    const second = JSON.stringify(fitSoftmax([...examples()], OPTIONS));
    expect(second).toBe(first);
  });

  it('fits the same separable classes by L-BFGS, reproducibly', () => {
    const options = { ...OPTIONS, optimizer: 'lbfgs' as const, steps: 100 };
    const weights = fitSoftmax(examples(), options);
    const model = new SoftmaxModel(weights);
    for (const e of examples()) {
      const p = model.probabilities(e.features, model.lexicalLogits(e.words));
      expect(p.indexOf(Math.max(...p)), e.features.join()).toBe(e.label);
    }
    expect(JSON.stringify(fitSoftmax([...examples()], options))).toBe(JSON.stringify(weights));
  });

  it('scales the wording in the fit and back in the stored weights (lexicalScale)', () => {
    const plain = fitSoftmax(examples(), { ...OPTIONS, optimizer: 'lbfgs', steps: 100 });
    const scaled = fitSoftmax(examples(), { ...OPTIONS, optimizer: 'lbfgs', steps: 100, lexicalScale: 3 });
    // A weaker penalty on the wording: its stored weights grow.
    expect(Math.abs(scaled.lexical['101']![1]!)).toBeGreaterThan(Math.abs(plain.lexical['101']![1]!));
  });

  it('leaves words seen fewer than minWordCount times out of the vocabulary', () => {
    const weights = fitSoftmax(examples(), OPTIONS);
    expect(weights.lexical['101']).toBeDefined();
    expect(weights.lexical['1007']).toBeUndefined();
  });

  it('balances classes: a rare class gets a higher bias than without balancing', () => {
    const skewed = examples().filter((e) => e.label !== 2 || e.words.includes(1002));
    const plain = fitSoftmax(skewed, OPTIONS);
    const balanced = fitSoftmax(skewed, { ...OPTIONS, balanceClasses: true });
    expect(balanced.bias[2]! - balanced.bias[0]!).toBeGreaterThan(plain.bias[2]! - plain.bias[0]!);
  });
});
