/** Length of the character n-grams taken inside each word (with `<` and `>` marking its ends). */
export const CHAR_GRAM = 4;

/** Kinds of wording feature: each hashes with its own tag, so a word and a bigram never share an id. */
export const FEATURE_TAG = {
  word: 1,
  bigram: 2,
  first: 3,
  firstTwo: 4,
  last: 5,
  subject: 6,
  chars: 7,
} as const;

/** FNV-1a's offset basis: where every hash starts. */
export const FNV_BASIS = 0x811c9dc5;

/** FNV-1a step over one 32-bit value. */
export const fnvStep = (h: number, x: number): number => Math.imul(h ^ x, 0x01000193) >>> 0;

/**
 * A string's FNV-1a hash, over its UTF-16 code units.
 *
 * @example hashString('ok') === hashString('ok')
 */
export function hashString(s: string): number {
  let h = FNV_BASIS;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h;
}

/**
 * The id of a wording feature: a 30-bit integer (a small integer in V8), well mixed (murmur3's
 * finaliser over the FNV-1a steps of its tag and one or two hashes).
 *
 * @example featureId(FEATURE_TAG.bigram, hashString('any'), hashString('update'))
 */
export function featureId(tag: number, a: number, b = 0): number {
  let h = fnvStep(fnvStep(fnvStep(FNV_BASIS, tag), a), b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x3fffffff;
}
