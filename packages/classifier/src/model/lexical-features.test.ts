import { describe, expect, it } from 'vitest';
import { lexicalFeatures } from './lexical-features';

describe('lexicalFeatures', () => {
  it('gives words, bigrams, first and last tokens and in-word character 4-grams, each once', () => {
    const f = lexicalFeatures({ text: 'Any update? Any update?' });
    expect(f).toEqual(
      expect.arrayContaining(['w:any', 'w:update', 'w:?', 'b:any update', 'b:update ?', 'f:any', 'l:?']),
    );
    expect(f).toContain('c:<any');
    expect(f).toContain('c:date');
    expect(new Set(f).size).toBe(f.length);
  });

  it('replaces links (already "link" after cleanText), emails, mentions and numbers by placeholders', () => {
    const f = lexicalFeatures({
      text: 'see https://x.example/a?b=1 or mail ana@acme.example, @bob: 42 items',
    });
    expect(f).toEqual(expect.arrayContaining(['w:link', 'w:xemail', 'w:xmention', 'w:xnum']));
    expect(f.some((x) => x.includes('acme') || x.includes('bob') || x.includes('42'))).toBe(false);
  });

  it('reads the subject only when it is the author’s own, and drops quoted replies', () => {
    expect(lexicalFeatures({ subject: 'Budget', text: 'ok' })).toContain('sub:budget');
    expect(lexicalFeatures({ subject: 'Re: Budget', text: 'ok' })).not.toContain('sub:budget');
    const f = lexicalFeatures({ text: 'Done.\n\n> can you ship it?\n' });
    expect(f).not.toContain('w:ship');
  });

  it('is empty for no text', () => {
    expect(lexicalFeatures({ text: null })).toEqual([]);
  });
});
