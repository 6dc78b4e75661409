import { cleanText } from '../clean-text';
import { FORWARD_SUBJECT, REPLY_SUBJECT } from '../phrase-patterns';
import { defaultWordClasses } from './word-classes';

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
  let normalised = text.toLowerCase();
  // Each placeholder pattern needs its marker ("http"/"www.", "@"): a text without it is left as it is.
  if (normalised.includes('http') || normalised.includes('www.'))
    normalised = normalised.replace(URL, ' xurl ');
  if (normalised.includes('@'))
    normalised = normalised.replace(EMAIL, ' xemail ').replace(MENTION, '$1 xmention ');
  for (const match of normalised.matchAll(TOKEN)) {
    const t = match[0];
    out.push(NUMBER.test(t) ? 'xnum' : t.length > 24 ? 'xlong' : t);
  }
  return out;
}

/** Kinds of wording feature: each hashes with its own tag, so a word and a bigram never share an id. */
const TAG = { word: 1, bigram: 2, first: 3, firstTwo: 4, last: 5, subject: 6, chars: 7 } as const;
/** The word-class features' tags (`word-classes.ts`), after those of `TAG`. */
const CLASS_TAG = { wordClass: 8, classBigram: 9 } as const;
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
 * The distinct ids of one message, in the order they were first added (as a `Set` iterates), kept in
 * typed arrays that are reused from message to message: no `Set` and no array per message. `add`
 * ignores an id it already holds; `start` empties it.
 */
export class IdCollector {
  /** The ids added since `start`, first occurrence first: `ids[0 … count)`. */
  ids = new Int32Array(1024);
  count = 0;
  /** Open addressing (linear probing) over `ids`' values: a slot is taken when its stamp is `generation`. */
  private slots = new Int32Array(2048);
  private stamps = new Int32Array(2048);
  private generation = 1;

  /** Forgets the ids of the previous message. */
  start(): void {
    this.count = 0;
    this.generation++;
    if (this.generation === 0x7fffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }

  /** Adds `id` (a non-negative 30-bit integer, well mixed) unless it is already there. */
  add(id: number): void {
    const mask = this.slots.length - 1;
    let slot = id & mask;
    for (;;) {
      if (this.stamps[slot] !== this.generation) break;
      if (this.slots[slot] === id) return;
      slot = (slot + 1) & mask;
    }
    this.stamps[slot] = this.generation;
    this.slots[slot] = id;
    if (this.count === this.ids.length) {
      const ids = new Int32Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
    }
    this.ids[this.count++] = id;
    if (this.count * 2 > this.slots.length) this.grow();
  }

  /** Twice the slots, the held ids placed again. */
  private grow(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size);
    this.stamps = new Int32Array(size);
    this.generation = 1;
    const mask = size - 1;
    for (let i = 0; i < this.count; i++) {
      const id = this.ids[i] as number;
      let slot = id & mask;
      while (this.stamps[slot] === 1) slot = (slot + 1) & mask;
      this.stamps[slot] = 1;
      this.slots[slot] = id;
    }
  }
}

/** The collector `lexicalFeatures` reuses. */
const scratch = new IdCollector();

/**
 * The wording features of a message, for the learned layer, as hashed ids (30-bit integers): word
 * unigrams and bigrams of the cleaned text (quoted replies and signatures removed, as the rules read
 * it; the first {@link LEXICAL_TEXT_LIMIT} characters), its first words and last token, the character
 * 4-grams inside each word (typos and word forms share them), each word's class (one of 1,024 learned
 * from unlabelled text, `word-classes.ts`: words used alike share it) and the classes of each two
 * adjacent words, and the subject's words when the subject is the author's own (not "Re:"/"Fwd:").
 * Links, emails, mentions and numbers become placeholders. Each id appears once. Ids, not words: the
 * weights file holds no word of the text it was trained on, and hashing costs no string per feature.
 *
 * @example lexicalFeatures({ text: 'Any update?' }).length // 20: 3 words, 2 bigrams, first, first two, last, 7 character 4-grams, 3 word classes, 2 class pairs
 */
export function lexicalFeatures(input: { subject?: string | null; text?: string | null }): number[] {
  collectLexicalFeatures(input.subject ?? null, cleanText(input.text ?? ''), scratch);
  return Array.from(scratch.ids.subarray(0, scratch.count));
}

/**
 * {@link lexicalFeatures} of a text already cleaned (`cleanText`), into `into` (started afresh): the
 * same ids in the same order, for a caller that has cleaned the text for the rules already.
 *
 * @example collectLexicalFeatures(null, cleanText(text), collector); collector.count // how many ids
 */
export function collectLexicalFeatures(subject: string | null, cleaned: string, into: IdCollector): void {
  into.start();
  const body = tokens(cleaned.slice(0, LEXICAL_TEXT_LIMIT));
  const hashes = body.map(hashString);
  const classes = defaultWordClasses();
  let wordClass = body.length > 0 ? classes.classOf(hashes[0] as number) : -1;
  for (let i = 0; i < body.length; i++) {
    const h = hashes[i] as number;
    into.add(id(TAG.word, h));
    if (i + 1 < body.length) into.add(id(TAG.bigram, h, hashes[i + 1] as number));
    const word = body[i] as string;
    const n = word.length + 2; // with '<' and '>'
    for (let j = 0; j + CHAR_GRAM <= n; j++) {
      let g = step(0x811c9dc5, TAG.chars);
      for (let k = j; k < j + CHAR_GRAM; k++)
        g = step(g, k === 0 ? LT : k === n - 1 ? GT : word.charCodeAt(k - 1));
      into.add(id(TAG.chars, g));
    }
    // The word's fine class, and the pair of its class and the next word's (word classes: `word-classes.ts`).
    const nextClass = i + 1 < body.length ? classes.classOf(hashes[i + 1] as number) : -1;
    if (wordClass >= 0) {
      into.add(id(CLASS_TAG.wordClass, wordClass >>> 8));
      if (nextClass >= 0) into.add(id(CLASS_TAG.classBigram, wordClass >>> 8, nextClass >>> 8));
    }
    wordClass = nextClass;
  }
  if (body.length > 0) {
    into.add(id(TAG.first, hashes[0] as number));
    if (body.length > 1) into.add(id(TAG.firstTwo, hashes[0] as number, hashes[1] as number));
    into.add(id(TAG.last, hashes[body.length - 1] as number));
  }
  const ownSubject = subject ?? '';
  if (ownSubject !== '' && !REPLY_SUBJECT.test(ownSubject) && !FORWARD_SUBJECT.test(ownSubject)) {
    for (const t of tokens(ownSubject)) into.add(id(TAG.subject, hashString(t)));
  }
}

/**
 * The word tokens the wording features read in a cleaned text (placeholders for links, emails, mentions
 * and numbers), for tools that build tables over the same words (`corpus/tools/build-word-classes.ts`).
 *
 * @example lexicalTokens('Any update?') // ['any', 'update', '?']
 */
export const lexicalTokens = (cleaned: string): string[] => tokens(cleaned);

/**
 * A word token's hash as the wording features take it (FNV-1a, 32 bits): the key of the word-classes table.
 *
 * @example wordHash('update')
 */
export const wordHash = (word: string): number => hashString(word);
