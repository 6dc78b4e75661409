import { PushpullError, shippedFileUrl } from '@pushpull/core';
import { z } from 'zod';
import { committedJsonOnce } from './read-committed-json';

/** How many coarse and fine word classes the committed table holds (`corpus/tools/build-word-classes.ts`). */
export const WORD_CLASS_COUNTS = { coarse: 256, fine: 1024 } as const;

/** The word-classes file `packages/classifier/model/word-classes.json`: hashes and classes, never a word. */
export const WordClassesFileSchema = z.object({
  format: z.literal('pushpull-word-classes/1'),
  /** How many words the table holds. */
  words: z.number().int().nonnegative(),
  coarseClasses: z.literal(WORD_CLASS_COUNTS.coarse),
  fineClasses: z.literal(WORD_CLASS_COUNTS.fine),
  /** Base64 of the words' FNV-1a hashes (uint32, little-endian), ascending. */
  hashes: z.string(),
  /** Base64 of each word's coarse class (uint8), in the order of `hashes`. */
  coarse: z.string(),
  /** Base64 of each word's fine class (uint16, little-endian), in the order of `hashes`. */
  fine: z.string(),
});

/**
 * Word classes by word hash (the FNV-1a hash `lexical-features.ts` gives a word token): an open-addressing
 * table in typed arrays, built once. A word outside the table has no class.
 *
 * @example const c = wordClassesFrom(json).classOf(hash); c < 0 ? 'none' : [c & 0xff, c >>> 8] // [coarse, fine]
 */
export class WordClasses {
  private readonly keys: Int32Array;
  /** `fine << 8 | coarse` per slot, -1 where empty. */
  private readonly classes: Int32Array;
  private readonly mask: number;

  /**
   * @param hashes the words' hashes (distinct uint32s)
   * @param coarse each word's coarse class (< 256)
   * @param fine each word's fine class
   */
  constructor(hashes: ArrayLike<number>, coarse: ArrayLike<number>, fine: ArrayLike<number>) {
    let size = 16;
    while (size < hashes.length * 2) size *= 2;
    this.mask = size - 1;
    this.keys = new Int32Array(size);
    this.classes = new Int32Array(size).fill(-1);
    for (let i = 0; i < hashes.length; i++) {
      const key = (hashes[i] as number) | 0;
      let slot = mix(key) & this.mask;
      while (this.classes[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.classes[slot] = ((fine[i] as number) << 8) | (coarse[i] as number);
    }
  }

  /** The word's classes as `fine << 8 | coarse`, or -1 when the table does not hold the word's hash. */
  classOf(hash: number): number {
    const key = hash | 0;
    let slot = mix(key) & this.mask;
    for (;;) {
      const c = this.classes[slot] as number;
      if (c === -1) return -1;
      if (this.keys[slot] === key) return c;
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Spreads a hash's bits over the low ones (FNV-1a's low bits alone cluster). */
const mix = (h: number) => {
  const x = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return x ^ (x >>> 16);
};

const bytes = (b64: string) => Buffer.from(b64, 'base64');

/**
 * The table from a parsed word-classes file.
 *
 * @example wordClassesFrom(JSON.parse(readFileSync(file, 'utf8')))
 */
export function wordClassesFrom(file: unknown): WordClasses {
  const parsed = WordClassesFileSchema.safeParse(file);
  const bad = (why: string) => new PushpullError('CLASSIFIER_BAD_WORD_CLASSES', `bad word classes: ${why}`);
  if (!parsed.success)
    throw bad(`${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  const { words } = parsed.data;
  const hashBytes = bytes(parsed.data.hashes);
  const coarseBytes = bytes(parsed.data.coarse);
  const fineBytes = bytes(parsed.data.fine);
  if (hashBytes.length !== words * 4 || coarseBytes.length !== words || fineBytes.length !== words * 2)
    throw bad(`the arrays do not hold ${words} words`);
  const hashes = new Uint32Array(words);
  const coarse = new Uint8Array(words);
  const fine = new Uint16Array(words);
  for (let i = 0; i < words; i++) {
    hashes[i] = hashBytes.readUInt32LE(i * 4);
    coarse[i] = coarseBytes[i] as number;
    fine[i] = fineBytes.readUInt16LE(i * 2);
    if ((fine[i] as number) >= WORD_CLASS_COUNTS.fine) throw bad(`fine class ${fine[i]} out of range`);
    if (i > 0 && (hashes[i] as number) <= (hashes[i - 1] as number)) throw bad('hashes not ascending');
  }
  return new WordClasses(hashes, coarse, fine);
}

/** Where the committed word classes are. */
export const WORD_CLASSES_URL = shippedFileUrl(
  'word-classes.json',
  new URL('../../model/word-classes.json', import.meta.url),
);

/**
 * The committed word classes, read from `model/word-classes.json` the first time they are asked for and
 * kept for the life of the process.
 */
export const defaultWordClasses: () => WordClasses = committedJsonOnce(
  WORD_CLASSES_URL,
  'the word classes',
  'CLASSIFIER_BAD_WORD_CLASSES',
  wordClassesFrom,
);
