import { describe, expect, it } from 'vitest';
import { IdTable } from './id-table';

describe('IdTable', () => {
  it('finds every stored id’s row, and no other id, also where ids collide on the same slot', () => {
    const rows = new Map<number, number[]>();
    for (let i = 0; i < 500; i++) rows.set(i * 1024 + 3, [i, -i]); // all share their low bits
    const table = new IdTable(rows, 2);
    for (const [id, row] of rows) {
      const at = table.find(id);
      expect(at).toBeGreaterThanOrEqual(0);
      expect([table.values[at], table.values[at + 1]]).toEqual(row);
    }
    expect(table.find(5)).toBe(-1);
    expect(table.find(2 ** 30 - 1)).toBe(-1);
  });

  it('is empty-safe', () => {
    expect(new IdTable(new Map(), 3).find(0)).toBe(-1);
  });

  it('lays several blocks side by side, with zeros where a block lacks an id', () => {
    const table = IdTable.fromColumns(5, [
      { offset: 0, rows: { '7': [1, 2, 3], '2055': [4, 5, 6] } }, // 2055 shares 7's low bits
      { offset: 3, rows: { '2055': [7, 8], '9': [9, 10] } },
    ]);
    const row = (id: number) => {
      const at = table.find(id);
      return at < 0 ? undefined : Array.from(table.values.subarray(at, at + 5));
    };
    expect(row(7)).toEqual([1, 2, 3, 0, 0]);
    expect(row(2055)).toEqual([4, 5, 6, 7, 8]);
    expect(row(9)).toEqual([0, 0, 0, 9, 10]);
    expect(row(8)).toBeUndefined();
  });
});
