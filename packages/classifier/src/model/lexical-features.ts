import { cleanText } from '../clean-text';
import { FORWARD_SUBJECT, REPLY_SUBJECT } from '../phrase-patterns';

/** How much of a cleaned text the wording features read: the main purpose is nearly always up front. */
export const LEXICAL_TEXT_LIMIT = 1500;

/** Length of the character n-grams taken inside each word (with `<` and `>` marking its ends). */
export const CHAR_GRAM = 4;

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'_-]*|[?!]/gu;
const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/g;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/g;
const NUMBER = /^\d[\d.,:/-]*$/;
const MENTION = /(^|\s)@[\w.-]+/g;

function tokens(text: string): string[] {
  const out: string[] = [];
  const normalised = text
    .toLowerCase()
    .replace(URL, ' xurl ')
    .replace(EMAIL, ' xemail ')
    .replace(MENTION, '$1 xmention ');
  for (const match of normalised.matchAll(TOKEN)) {
    const t = match[0];
    out.push(NUMBER.test(t) ? 'xnum' : t.length > 24 ? 'xlong' : t);
  }
  return out;
}

/** Kinds of wording feature: each hashes with its own tag, so a word and a bigram never share an id. */
const TAG = { word: 1, bigram: 2, first: 3, firstTwo: 4, last: 5, subject: 6, chars: 7 } as const;
const LT = 60; // '<'
const GT = 62; // '>'

/** FNV-1a step over one 32-bit value. */
const step = (h: number, x: number) => Math.imul(h ^ x, 0x01000193) >>> 0;

/** A string's FNV-1a hash. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = step(h, s.charCodeAt(i));
  return h;
}

/** The id of a feature: a 30-bit integer (a small integer in V8), well mixed (murmur3's finaliser). */
function id(tag: number, a: number, b = 0): number {
  let h = step(step(step(0x811c9dc5, tag), a), b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x3fffffff;
}

/**
 * The wording features of a message, for the learned layer, as hashed ids (30-bit integers): word
 * unigrams and bigrams of the cleaned text (quoted replies and signatures removed, as the rules read
 * it; the first {@link LEXICAL_TEXT_LIMIT} characters), its first words and last token, the character
 * 4-grams inside each word (typos and word forms share them), and the subject's words when the subject
 * is the author's own (not "Re:"/"Fwd:"). Links, emails, mentions and numbers become placeholders. Each
 * id appears once. Ids, not words: the weights file holds no word of the text it was trained on, and
 * hashing costs no string per feature.
 *
 * @example lexicalFeatures({ text: 'Any update?' }).length // 14: 3 words, 2 bigrams, first, first two, last, 6 character 4-grams
 */
export function lexicalFeatures(input: { subject?: string | null; text?: string | null }): number[] {
  const seen = new Set<number>();
  const body = tokens(cleanText(input.text ?? '').slice(0, LEXICAL_TEXT_LIMIT));
  const hashes = body.map(hashString);
  for (let i = 0; i < body.length; i++) {
    const h = hashes[i] as number;
    seen.add(id(TAG.word, h));
    if (i + 1 < body.length) seen.add(id(TAG.bigram, h, hashes[i + 1] as number));
    const word = body[i] as string;
    const n = word.length + 2; // with '<' and '>'
    for (let j = 0; j + CHAR_GRAM <= n; j++) {
      let g = step(0x811c9dc5, TAG.chars);
      for (let k = j; k < j + CHAR_GRAM; k++)
        g = step(g, k === 0 ? LT : k === n - 1 ? GT : word.charCodeAt(k - 1));
      seen.add(id(TAG.chars, g));
    }
  }
  if (body.length > 0) {
    seen.add(id(TAG.first, hashes[0] as number));
    if (body.length > 1) seen.add(id(TAG.firstTwo, hashes[0] as number, hashes[1] as number));
    seen.add(id(TAG.last, hashes[body.length - 1] as number));
  }
  const subject = input.subject ?? '';
  if (subject !== '' && !REPLY_SUBJECT.test(subject) && !FORWARD_SUBJECT.test(subject)) {
    for (const t of tokens(subject)) seen.add(id(TAG.subject, hashString(t)));
  }
  return [...seen];
}
