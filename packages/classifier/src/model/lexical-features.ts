import { cleanText } from '../clean-text';
import { FORWARD_SUBJECT, REPLY_SUBJECT } from '../phrase-patterns';
import { hashString, featureId as id, FEATURE_TAG as TAG } from './feature-hash';
import { IdCollector } from './id-collector';
import type { LinearWeights } from './linear-weights';
import { WordFeatureCache, type WordFeatures } from './word-features';
import { wordTokens as tokens, WordScanner } from './word-tokens';

/** How much of a cleaned text the wording features read: the main purpose is nearly always up front. */
export const LEXICAL_TEXT_LIMIT = 1500;

export { CHAR_GRAM } from './feature-hash';
export { IdCollector } from './id-collector';

/** The collector `lexicalFeatures` reuses. */
const scratch = new IdCollector();

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
  collectLexicalFeatures(input.subject ?? null, cleanText(input.text ?? ''), scratch);
  return Array.from(scratch.ids.subarray(0, scratch.count));
}

/** The scanner `collectLexicalFeatures` reads a message's text with. */
const bodyScanner = new WordScanner();

/** How many messages `collectLexicalFeatures` has read: each one's number (see `WordFeatures.seenIn`). */
let messages = 0;

/** The words' ids `lexicalFeatures` reuses (no table: ids only). */
const plainWords = new WordFeatureCache();

/**
 * {@link lexicalFeatures} of a text already cleaned (`cleanText`), into `into` (started afresh): the
 * same ids in the same order, for a caller that has cleaned the text for the rules already. Each
 * word's own ids come from `words` (worked out once per word). With `sums` (one number per column of
 * `words.table`), every id's row, where the table has one, is added to it the first time the message
 * has the id: the sums `wordingLogits` makes of the collected ids, in the same order, before scaling.
 *
 * @example collectLexicalFeatures(null, cleanText(text), collector); collector.count // how many ids
 */
export function collectLexicalFeatures(
  subject: string | null,
  cleaned: string,
  into: IdCollector,
  words: WordFeatureCache = plainWords,
  sums: Float64Array | null = null,
): void {
  into.start();
  const message = ++messages;
  const table = sums === null ? null : words.table;
  const scanner = bodyScanner;
  scanner.reset(cleaned.slice(0, LEXICAL_TEXT_LIMIT));
  let word = scanner.next() ? words.scanned(scanner) : null;
  const firstHash = word?.hash ?? 0;
  let secondHash = 0;
  let lastHash = 0;
  let n = 0;
  for (; word !== null; n++) {
    const next = scanner.next() ? words.scanned(scanner) : null;
    // A word the message had already: its own ids are in, only its bigram may be new.
    const repeat = word.seenIn === message;
    word.seenIn = message;
    // The word's own id, its bigram with the next word, then its character n-grams.
    if (!repeat) addWordIds(into, table === null ? null : sums, word, 0, 1);
    if (next !== null) addOther(into, table, sums, id(TAG.bigram, word.hash, next.hash));
    if (!repeat) addWordIds(into, table === null ? null : sums, word, 1, word.ids.length);
    if (n === 1) secondHash = word.hash;
    lastHash = word.hash;
    word = next;
  }
  if (n > 0) {
    addOther(into, table, sums, id(TAG.first, firstHash));
    if (n > 1) addOther(into, table, sums, id(TAG.firstTwo, firstHash, secondHash));
    addOther(into, table, sums, id(TAG.last, lastHash));
  }
  const ownSubject = subject ?? '';
  if (ownSubject !== '' && !REPLY_SUBJECT.test(ownSubject) && !FORWARD_SUBJECT.test(ownSubject)) {
    for (const t of tokens(ownSubject)) addOther(into, table, sums, id(TAG.subject, hashString(t)));
  }
}

/** Collects an id that is not one of a word's own, adding its row from the table when it is new and has one. */
function addOther(
  into: IdCollector,
  table: LinearWeights | null,
  sums: Float64Array | null,
  featureId: number,
): void {
  if (!into.add(featureId) || table === null) return;
  const from = table.lexical.find(featureId);
  if (from < 0) return;
  const values = table.lexical.values;
  const s = sums as Float64Array;
  for (let k = 0; k < s.length; k++) s[k] = (s[k] as number) + (values[from + k] as number);
}

/**
 * Collects the word's ids `from … to`, adding the row of each new one (from the word's own copy of
 * the table's rows) to `sums` when it is given and the table has a row for it.
 */
function addWordIds(
  into: IdCollector,
  sums: Float64Array | null,
  word: WordFeatures,
  from: number,
  to: number,
): void {
  const { ids, at, rows } = word;
  for (let j = from; j < to; j++) {
    if (!into.add(ids[j] as number) || sums === null || at === null || rows === null) continue;
    const row = at[j] as number;
    if (row < 0) continue;
    for (let k = 0; k < sums.length; k++) sums[k] = (sums[k] as number) + (rows[row + k] as number);
  }
}
