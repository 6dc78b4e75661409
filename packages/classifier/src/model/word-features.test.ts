import { describe, expect, it } from 'vitest';
import { defaultClassifierModel } from './classifier-model';
import { CHAR_GRAM } from './feature-hash';
import { WordFeatureCache, wordFeatures } from './word-features';

describe('wordFeatures', () => {
  it('gives the word id, then one id per character n-gram of "<word>"', () => {
    expect(wordFeatures('update').ids).toHaveLength(1 + ('<update>'.length - CHAR_GRAM + 1));
    expect(wordFeatures('a').ids).toHaveLength(1); // "<a>" is shorter than an n-gram
    expect(wordFeatures('update').at).toBeNull();
  });

  it('copies the table’s row of each id it has, the same numbers, and marks the others -1', () => {
    const table = defaultClassifierModel().joint;
    const { ids, at, rows } = wordFeatures('update', table);
    let found = 0;
    ids.forEach((id, j) => {
      const offset = table.lexical.find(id);
      if (offset < 0) {
        expect(at?.[j]).toBe(-1);
        return;
      }
      found++;
      const own = at?.[j] as number;
      expect(Array.from(rows?.subarray(own, own + table.width) ?? [])).toEqual(
        Array.from(table.lexical.values.subarray(offset, offset + table.width)),
      );
    });
    expect(found).toBeGreaterThan(0);
  });
});

describe('WordFeatureCache', () => {
  it('works a word out once and gives the same features as without it', () => {
    const cache = new WordFeatureCache();
    const first = cache.get('deploy');
    expect(cache.get('deploy')).toBe(first);
    expect(first.ids).toEqual(wordFeatures('deploy').ids);
    expect(first.hash).toBe(wordFeatures('deploy').hash);
  });

  it('holds at most its capacity, and nothing with capacity 0', () => {
    const cache = new WordFeatureCache(null, 3);
    for (const w of ['a', 'b', 'c', 'd', 'e']) cache.get(w);
    expect(cache.size).toBeLessThanOrEqual(3);
    const off = new WordFeatureCache(null, 0);
    expect(off.get('a')).not.toBe(off.get('a'));
    expect(off.size).toBe(0);
  });
});
