import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLASSIFIER_VERSION } from '../src/classifier-version';
import { defaultClassifierModel } from '../src/model/classifier-model';
import { formatAccuracyFile } from '../train/model-files';
import { classifyCorpus } from './classify-corpus';
import { measureCorpus } from './corpus-figures';
import { loadCorpus } from './load-corpus';

const committed = readFileSync(new URL('../model/accuracy.json', import.meta.url), 'utf8');

describe('the published accuracy (model/accuracy.json)', () => {
  it('is what the committed model scores on the frozen test split, figure for figure', () => {
    const corpus = loadCorpus();
    const test = corpus.items.filter((i) => i.split === 'test');
    const sources = measureCorpus(
      classifyCorpus(test, defaultClassifierModel()),
      (id) => corpus.gold.get(id)!,
    );
    expect(
      formatAccuracyFile({ version: CLASSIFIER_VERSION, split: 'test', items: test.length, sources }),
    ).toBe(committed);
  });

  it('beats the previous classifier and the "? means pull" baseline on every source', () => {
    const published = JSON.parse(committed) as {
      sources: Record<string, { macroF1: number; baseline: { macroF1: number } }>;
    };
    for (const source of ['email', 'chat', 'github', 'all']) {
      const f = published.sources[source]!;
      expect(f.macroF1, source).toBeGreaterThan(f.baseline.macroF1);
    }
  });
});
