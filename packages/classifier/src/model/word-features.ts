import { CHAR_GRAM, FEATURE_TAG, FNV_BASIS, featureId, fnvStep, hashString } from './feature-hash';
import type { LinearWeights } from './linear-weights';
import type { WordScanner } from './word-tokens';

/** How many distinct words a {@link WordFeatureCache} holds before it starts over, by default. */
export const WORD_CACHE_SIZE = 20_000;

const LT = 60; // '<'
const GT = 62; // '>'

/**
 * What one word (a token of `lexicalFeatures`) contributes to a message's wording features, whatever
 * the message: its hash, its own ids and, for a weights table, their rows. Real text repeats its words
 * a lot, so these are worked out once per word, not once per occurrence.
 */
export interface WordFeatures {
  /** The word (a token, or its placeholder). */
  readonly word: string;
  /** The word's FNV-1a hash (`hashString`), which its bigrams and the first/last features combine. */
  readonly hash: number;
  /**
   * Its ids in the order a message adds them: the word's own id, then the ids of its character
   * n-grams from left to right (a repeated n-gram repeated: the message's collector drops repeats).
   */
  readonly ids: Int32Array;
  /**
   * With a table: `ids[j]`'s row starts at `at[j]` in `rows` (a copy of the table's row, the same
   * numbers), or `at[j]` is -1 when the table has no row for it. Null without a table.
   */
  readonly at: Int32Array | null;
  readonly rows: Float64Array | null;
  /**
   * The last message (a number `collectLexicalFeatures` gives each) that added this word's ids: a
   * word's ids are all in a message once it has had the word, so a repeat adds none of them again.
   * The one field that changes; bookkeeping of the reader, not part of the word's features.
   */
  seenIn: number;
}

/**
 * A word's {@link WordFeatures}, with the rows of `table` when one is given.
 *
 * @example wordFeatures('update').ids.length // 6: the word, and the 5 character 4-grams of "<update>"
 */
export function wordFeatures(word: string, table: LinearWeights | null = null): WordFeatures {
  const hash = hashString(word);
  const n = word.length + 2; // with '<' and '>'
  const grams = Math.max(0, n - CHAR_GRAM + 1);
  const ids = new Int32Array(1 + grams);
  ids[0] = featureId(FEATURE_TAG.word, hash);
  for (let j = 0; j < grams; j++) {
    let g = fnvStep(FNV_BASIS, FEATURE_TAG.chars);
    for (let k = j; k < j + CHAR_GRAM; k++)
      g = fnvStep(g, k === 0 ? LT : k === n - 1 ? GT : word.charCodeAt(k - 1));
    ids[1 + j] = featureId(FEATURE_TAG.chars, g);
  }
  if (table === null) return { word, hash, ids, at: null, rows: null, seenIn: 0 };
  const { width, lexical } = table;
  const at = new Int32Array(ids.length);
  let found = 0;
  for (let j = 0; j < ids.length; j++) {
    const offset = lexical.find(ids[j] as number);
    at[j] = offset < 0 ? -1 : found++ * width;
  }
  const rows = new Float64Array(found * width);
  for (let j = 0; j < ids.length; j++) {
    const to = at[j] as number;
    if (to < 0) continue;
    const from = lexical.find(ids[j] as number);
    for (let k = 0; k < width; k++) rows[to + k] = lexical.values[from + k] as number;
  }
  return { word, hash, ids, at, rows, seenIn: 0 };
}

/**
 * A bounded memo of {@link wordFeatures} for one table (or none): the result is the same with or
 * without it. It finds a scanned token by its hash, worked out over the scanned text, so a word it
 * holds costs no string. It is emptied when it reaches its capacity ({@link WORD_CACHE_SIZE} words by
 * default), so its memory stays bounded (a few hundred bytes a word). Callers must not mutate what it
 * returns (but `seenIn`).
 *
 * @example new WordFeatureCache(model.joint).get('update').rows
 */
export class WordFeatureCache {
  /** Open addressing (linear probing) by the word's hash; at most half full. */
  private readonly slots: (WordFeatures | undefined)[];
  private readonly mask: number;
  private held = 0;

  constructor(
    readonly table: LinearWeights | null = null,
    readonly capacity: number = WORD_CACHE_SIZE,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Array(size).fill(undefined);
    this.mask = size - 1;
  }

  /** How many words it holds. */
  get size(): number {
    return this.held;
  }

  /** The features of `word`, worked out the first time it is asked for. */
  get(word: string): WordFeatures {
    return this.find(word, 0, word.length, hashString(word));
  }

  /** The features of the scanner's current token (see `WordScanner`). */
  scanned(scanner: WordScanner): WordFeatures {
    const placeholder = scanner.placeholder;
    if (placeholder !== null) return this.get(placeholder);
    const { text, start, end } = scanner;
    // `hashString` of the token, without making it.
    let hash = FNV_BASIS;
    for (let i = start; i < end; i++) hash = fnvStep(hash, text.charCodeAt(i));
    return this.find(text, start, end, hash);
  }

  /** The features of the word `text[start … end)`, whose hash is `hash`. */
  private find(text: string, start: number, end: number, hash: number): WordFeatures {
    let slot = hash & this.mask;
    for (;;) {
      const held = this.slots[slot];
      if (held === undefined) break;
      if (held.hash === hash && sameWord(held.word, text, start, end)) return held;
      slot = (slot + 1) & this.mask;
    }
    const word = start === 0 && end === text.length ? text : text.slice(start, end);
    const features = wordFeatures(word, this.table);
    if (this.capacity === 0) return features;
    if (this.held >= this.capacity) {
      this.slots.fill(undefined);
      this.held = 0;
      slot = hash & this.mask;
    }
    this.slots[slot] = features;
    this.held++;
    return features;
  }
}

/** Whether `word` is `text[start … end)`. */
function sameWord(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
