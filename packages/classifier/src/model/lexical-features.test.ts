import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIRECTORY, EXTENSION_DIRECTORY, loadCorpus } from '../../eval/load-corpus';
import { analyzeCleanedText, analyzeText } from '../analyze-text';
import { cleanText } from '../clean-text';
import { defaultClassifierModel } from './classifier-model';
import { IdCollector, lexicalFeatures } from './lexical-features';
import { lexicalScores, lexicalScoresOfCleaned } from './lexical-scores';

const ids = (text: string, subject: string | null = null) => new Set(lexicalFeatures({ subject, text }));
const shared = (a: Set<number>, b: Set<number>) => [...a].filter((x) => b.has(x)).length;

describe('lexicalFeatures', () => {
  it('gives each feature once, as a small non-negative integer, the same on every call', () => {
    const f = lexicalFeatures({ text: 'Any update? Any update?' });
    expect(new Set(f).size).toBe(f.length);
    for (const x of f) expect(Number.isInteger(x) && x >= 0 && x < 2 ** 30).toBe(true);
    expect(lexicalFeatures({ text: 'Any update? Any update?' })).toEqual(f);
    // 3 words, 3 bigrams (any update, update ?, ? any), first, first two, last, and the 4-grams of
    // "<any>" (2) and "<update>" (5).
    expect(f).toHaveLength(3 + 3 + 3 + 2 + 5);
  });

  it('tells word order apart (bigrams) and lets word forms share character n-grams', () => {
    expect(ids('review the draft')).not.toEqual(ids('draft the review'));
    expect(shared(ids('reviewing'), ids('reviewed'))).toBeGreaterThan(0);
    expect(shared(ids('deploy'), ids('budget'))).toBe(0);
  });

  it('replaces links, emails, mentions and numbers by placeholders', () => {
    expect(ids('mail ana@acme.example, @bob: 42 items, see https://x.example/a')).toEqual(
      ids('mail zoe@other.example, @ann: 7 items, see https://y.example/b/c'),
    );
  });

  it('reads the subject only when it is the author’s own, and drops quoted replies', () => {
    expect(ids('ok', 'Budget').size).toBeGreaterThan(ids('ok').size);
    expect(ids('ok', 'Re: Budget')).toEqual(ids('ok'));
    expect(ids('Done.\n\n> can you ship it?\n')).toEqual(ids('Done.'));
  });

  it('is empty for no text', () => {
    expect(lexicalFeatures({ text: null })).toEqual([]);
  });
});

describe('IdCollector', () => {
  it('keeps the distinct ids in first-seen order, as a Set does, past its first size and message after message', () => {
    const collector = new IdCollector();
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x3fffffff;
      return seed % 3000; // repeats, and more distinct ids than the collector first has room for
    };
    for (const length of [0, 5, 5000, 40]) {
      const ids = Array.from({ length }, next);
      collector.start();
      for (const id of ids) collector.add(id);
      expect(Array.from(collector.ids.subarray(0, collector.count))).toEqual([...new Set(ids)]);
    }
  });
});

describe('the wording features of the committed corpus', () => {
  it('are the ids the Set-based version (classifier 0.4.0 as first shipped) gave, in the same order', () => {
    const hash = createHash('sha256');
    // the items the hash was first taken on: the corpus and its extension (not the later fresh set)
    for (const i of loadCorpus(CORPUS_DIRECTORY, [EXTENSION_DIRECTORY]).items)
      hash.update(`${lexicalFeatures({ subject: i.subject ?? null, text: i.text }).join(',')}\n`);
    expect(hash.digest('hex')).toBe('89cf2a9ca28b3bf1fbaf1d2ed7a3c4d633de78ef1a52d2e1fdbfbb0dddbc5e25');
  });

  it('score and analyse the same from a text cleaned once as from the raw text', () => {
    const model = defaultClassifierModel();
    for (const i of loadCorpus().items.slice(0, 300)) {
      const subject = i.subject ?? null;
      const cleaned = cleanText(i.text ?? '');
      expect(lexicalScoresOfCleaned(model, subject, cleaned), i.id).toEqual(
        lexicalScores(model, { subject, text: i.text }),
      );
      expect(analyzeCleanedText(subject, cleaned), i.id).toEqual(analyzeText({ subject, text: i.text }));
    }
  });
});
