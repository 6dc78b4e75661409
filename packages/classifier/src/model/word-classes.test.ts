import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashString as wordHash } from './feature-hash';
import {
  defaultWordClasses,
  WORD_CLASS_COUNTS,
  WORD_CLASSES_URL,
  WordClasses,
  wordClassesFrom,
} from './word-classes';

const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const file = (hashes: number[], coarse: number[], fine: number[]) => ({
  format: 'pushpull-word-classes/1',
  words: hashes.length,
  coarseClasses: WORD_CLASS_COUNTS.coarse,
  fineClasses: WORD_CLASS_COUNTS.fine,
  hashes: b64(Uint32Array.from(hashes)),
  coarse: b64(Uint8Array.from(coarse)),
  fine: b64(Uint16Array.from(fine)),
});

describe('WordClasses', () => {
  it('maps each held hash to fine << 8 | coarse and any other hash to -1', () => {
    const hashes = Array.from({ length: 5000 }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) >>> 0) & ~0xf);
    const table = new WordClasses(
      hashes,
      hashes.map((_, i) => i % 256),
      hashes.map((_, i) => i % 1024),
    );
    hashes.forEach((h, i) => {
      expect(table.classOf(h)).toBe(((i % 1024) << 8) | (i % 256));
    });
    expect(table.classOf(7)).toBe(-1);
    expect(table.classOf(0xffffffff)).toBe(-1);
  });
});

describe('wordClassesFrom', () => {
  it('reads a file and refuses a malformed one with a code', () => {
    const table = wordClassesFrom(file([3, 0xfffffff0], [1, 255], [1023, 0]));
    expect(table.classOf(3)).toBe((1023 << 8) | 1);
    expect(table.classOf(0xfffffff0)).toBe(255);
    expect(() => wordClassesFrom(file([5, 3], [0, 0], [0, 0]))).toThrow(/not ascending/);
    expect(() => wordClassesFrom({ ...file([3], [0], [0]), words: 2 })).toThrow(/2 words/);
    expect(() => wordClassesFrom(file([3], [0], [1024]))).toThrow(/out of range/);
    expect(() => wordClassesFrom({ format: 'x' })).toThrow(
      expect.objectContaining({ code: 'CLASSIFIER_BAD_WORD_CLASSES' }),
    );
  });
});

describe('the committed word classes', () => {
  it('load once, hold thousands of words by hash (no word), and class common words alike on every load', () => {
    expect(defaultWordClasses()).toBe(defaultWordClasses());
    const text = readFileSync(WORD_CLASSES_URL, 'utf8');
    const json = JSON.parse(text) as { words: number };
    expect(json.words).toBeGreaterThan(5000);
    // hashes and classes only: no word of the text the table was built from
    expect(Object.keys(json).sort()).toEqual(
      ['coarse', 'coarseClasses', 'fine', 'fineClasses', 'format', 'hashes', 'words'].sort(),
    );
    const again = wordClassesFrom(JSON.parse(text));
    const common = ['the', 'please', 'can', 'you', 'thanks', 'send', 'meeting', 'xurl', 'xnum', '?'];
    for (const w of common) {
      const c = defaultWordClasses().classOf(wordHash(w));
      expect(c, w).toBeGreaterThanOrEqual(0);
      expect(again.classOf(wordHash(w)), w).toBe(c);
    }
    expect(defaultWordClasses().classOf(wordHash('zzqxjvwwk'))).toBe(-1);
  });
});
