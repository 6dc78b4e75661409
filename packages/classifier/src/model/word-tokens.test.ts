import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../eval/load-corpus';
import { cleanText } from '../clean-text';
import { wordTokens } from './word-tokens';

/** The tokens as classifier 0.5.0 first found them: one pattern with Unicode classes. */
function byPattern(text: string): string[] {
  let s = text.toLowerCase();
  if (s.includes('http') || s.includes('www.')) s = s.replace(/\bhttps?:\/\/\S+|\bwww\.\S+/g, ' xurl ');
  if (s.includes('@'))
    s = s.replace(/[\w.+-]+@[\w-]+\.[\w.]+/g, ' xemail ').replace(/(^|\s)@[\w.-]+/g, '$1 xmention ');
  return [...s.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'_-]*|[?!]/gu)].map(([t]) =>
    /^\d[\d.,:/-]*$/.test(t) ? 'xnum' : t.length > 24 ? 'xlong' : t,
  );
}

describe('wordTokens', () => {
  it('finds words, ? and !, with placeholders for links, emails, mentions, numbers and long tokens', () => {
    expect(wordTokens("Can't SHIP v2 — see https://x.example/a?b, mail ana@acme.example @bob: 42!")).toEqual([
      "can't",
      'ship',
      'v2',
      'see',
      'xurl',
      'mail',
      'xemail',
      'xmention',
      'xnum',
      '!',
    ]);
    expect(wordTokens('a'.repeat(25))).toEqual(['xlong']);
    expect(wordTokens('Ünïcödé 東京 𝐀𝐁 -x _y')).toEqual(['ünïcödé', '東京', '𝐀𝐁', 'x', 'y']);
  });

  it('gives the tokens the Unicode pattern gives, on every corpus text and on arbitrary strings', () => {
    for (const i of loadCorpus().items) {
      for (const text of [i.text ?? '', cleanText(i.text ?? ''), i.subject ?? ''])
        expect(wordTokens(text), i.id).toEqual(byPattern(text));
    }
    const pieces = fc.constantFrom(
      'a',
      'Z',
      '9',
      "'",
      '_',
      '-',
      '?',
      '!',
      ' ',
      '.',
      'é',
      'ß',
      'İ',
      '東',
      '٣',
      '𝐀',
      '😀',
      '\uD800',
      '\uDC00',
      '\u0301',
      'http://x.y',
      '@me',
      'a@b.co',
      '1.5',
      '2026-12-08',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: 'binary' })), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(wordTokens(text)).toEqual(byPattern(text));
      }),
      { numRuns: 2000 },
    );
  });
});
