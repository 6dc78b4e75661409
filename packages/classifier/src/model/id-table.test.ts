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
});
