import { describe, expect, it } from 'vitest';
import { DistinctStrings } from './distinct-strings';

describe('DistinctStrings', () => {
  it('lists the distinct strings in first-added order, as a Set iterates, list after list and past its capacity', () => {
    const list = new DistinctStrings(5);
    for (const words of [
      ['a', 'b', 'a', 'c'],
      [],
      ['c', 'c', 'd', 'a'],
      ['e', 'f', 'g', 'h', 'i', 'e', 'j'],
    ]) {
      list.start();
      for (const w of words) list.add(w);
      expect(list.list()).toEqual([...new Set(words)]);
      expect(list.size).toBe(new Set(words).size);
      if (words.length > 0) expect(list.at(0)).toBe(words[0]);
    }
  });

  it('gives a new array each time: a list handed out does not change with the next one', () => {
    const list = new DistinctStrings();
    list.start();
    list.add('x');
    const first = list.list();
    list.start();
    list.add('y');
    expect(first).toEqual(['x']);
  });
});
