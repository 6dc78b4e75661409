import { describe, expect, it } from 'vitest';
import { classifyCorpus } from '../../eval/classify-corpus';
import { loadCorpus } from '../../eval/load-corpus';
import { defaultClassifierModel } from './classifier-model';
import { lexicalFeatures } from './lexical-features';
import { lexicalScores } from './lexical-scores';
import { linearLogits, linearWeights, wordingLogits } from './linear-weights';
import { SoftmaxModel } from './softmax-model';

const a = {
  classes: ['push', 'pull', 'neutral'],
  bias: [0.5, -0.5, 0.25],
  temperature: 1,
  weights: { x: [1, 2, 3], y: [-1, 0, 1] },
  lexical: { '11': [0.5, 0, -0.5], '12': [1, 1, 1] },
};
const b = {
  classes: ['responsive', 'proactive'],
  bias: [0.1, -0.1],
  temperature: 2,
  weights: { y: [4, -4], z: [2, 2] },
  lexical: { '12': [3, 1], '13': [-2, 2] },
};
const slice = (v: Float64Array, from: number, to: number) => Array.from(v.subarray(from, to));

describe('linearWeights, linearLogits, wordingLogits', () => {
  it('lay models side by side, zeros where a model lacks a feature', () => {
    const joint = linearWeights([a, b]);
    expect(joint.width).toBe(5);
    expect(Array.from(joint.bias)).toEqual([0.5, -0.5, 0.25, 0.1, -0.1]);
    expect(Array.from(joint.structural.get('x')!)).toEqual([1, 2, 3, 0, 0]);
    expect(Array.from(joint.structural.get('z')!)).toEqual([0, 0, 0, 2, 2]);
    const at = joint.lexical.find(13);
    expect(Array.from(joint.lexical.values.subarray(at, at + 5))).toEqual([0, 0, 0, -2, 2]);
  });

  it('add bias, structural rows and the wording, the wording summed then scaled by 1/√n', () => {
    const joint = linearWeights([a, b]);
    const words = wordingLogits(joint, [11, 12, 13, 99]);
    expect(Array.from(words)).toEqual([0.75, 0.5, 0.25, 0.5, 1.5]);
    expect(Array.from(linearLogits(joint, ['x', 'unknown', 'y'], words))).toEqual([
      0.5 + 1 - 1 + 0.75,
      -0.5 + 2 + 0 + 0.5,
      0.25 + 3 + 1 + 0.25,
      0.1 + 0 + 4 + 0.5,
      -0.1 + 0 - 4 + 1.5,
    ]);
    expect(Array.from(wordingLogits(joint, []))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(linearLogits(joint, [], null))).toEqual(Array.from(joint.bias));
  });

  it('score each model in a joint table exactly as the model alone', () => {
    const joint = linearWeights([a, b]);
    const [ma, mb] = [new SoftmaxModel(a), new SoftmaxModel(b)];
    for (const [features, ids] of [
      [
        ['x', 'y', 'z'],
        [11, 12, 13],
      ],
      [['z'], [13]],
      [[], []],
    ] as const) {
      const words = wordingLogits(joint, ids);
      expect(slice(words, 0, 3)).toEqual(ma.lexicalLogits(ids));
      expect(slice(words, 3, 5)).toEqual(mb.lexicalLogits(ids));
      const logits = linearLogits(joint, features, words);
      expect(slice(logits, 0, 3)).toEqual(ma.logits(features, ma.lexicalLogits(ids)));
      expect(slice(logits, 3, 5)).toEqual(mb.logits(features, mb.lexicalLogits(ids)));
    }
  });
});

describe('the committed model: what classifying computes equals what each SoftmaxModel computes', () => {
  it('bit for bit, on real corpus messages (lexicalScores and the joint logits of the learned verdict)', () => {
    const model = defaultClassifierModel();
    const corpus = loadCorpus();
    const items = corpus.items.filter((i) => i.split === 'dev').slice(0, 400);
    const rows = classifyCorpus(items, null);
    let withWords = 0;
    for (const r of rows) {
      const input = { subject: r.item.subject ?? null, text: r.item.text };
      const ids = lexicalFeatures(input);
      if (ids.length > 0) withWords++;
      const scores = lexicalScores(model, input);
      const mode = model.mode.lexicalLogits(ids);
      const initiative = model.initiative.lexicalLogits(ids);
      expect(scores.mode, r.item.id).toEqual(mode);
      expect(scores.initiative, r.item.id).toEqual(initiative);
      const logits = linearLogits(model.joint, r.features, [...scores.mode, ...scores.initiative]);
      expect(slice(logits, 0, 3), r.item.id).toEqual(model.mode.logits(r.features, mode));
      expect(slice(logits, 3, 5), r.item.id).toEqual(model.initiative.logits(r.features, initiative));
    }
    expect(withWords).toBeGreaterThan(300);
  });
});
