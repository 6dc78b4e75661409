import { describe, expect, it } from 'vitest';
import { lexicalFeatures } from './lexical-features';

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
