import { describe, expect, it } from 'vitest';
import { groupBy } from './group-by';

describe('groupBy', () => {
  it('groups by key, groups in first-seen order, items in input order', () => {
    const groups = groupBy(
      [
        { t: 'b', n: 1 },
        { t: 'a', n: 2 },
        { t: 'b', n: 3 },
      ],
      (x) => x.t,
    );
    expect([...groups.keys()]).toEqual(['b', 'a']);
    expect(groups.get('b')?.map((x) => x.n)).toEqual([1, 3]);
    expect(groups.get('a')?.map((x) => x.n)).toEqual([2]);
  });

  it('takes any iterable and any key, and is empty for no items', () => {
    expect(groupBy(new Set([1, 2, 3, 4]), (n) => n % 2 === 0)).toEqual(
      new Map([
        [false, [1, 3]],
        [true, [2, 4]],
      ]),
    );
    expect(groupBy([], String).size).toBe(0);
  });
});
