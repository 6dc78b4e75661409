/**
 * A read-only table from feature ids (non-negative 30-bit integers) to a fixed-width row of weights,
 * in two flat typed arrays (open addressing, linear probing): one lookup touches two contiguous blocks
 * instead of a Map entry and a separate array. Built once when the model loads.
 *
 * @example const t = new IdTable(new Map([[7, Float64Array.of(1, 2)]]), 2); t.find(7) // 0 (row offset)
 */
export class IdTable {
  private readonly keys: Int32Array;
  /** Row `i` of the table is `values[i * width … i * width + width)`. */
  readonly values: Float64Array;
  private readonly mask: number;

  constructor(
    rows: ReadonlyMap<number, ArrayLike<number>>,
    readonly width: number,
  ) {
    let size = 16;
    while (size < rows.size * 2) size *= 2;
    this.mask = size - 1;
    this.keys = new Int32Array(size).fill(-1);
    this.values = new Float64Array(size * width);
    for (const [id, row] of rows) {
      let slot = id & this.mask;
      while (this.keys[slot] !== -1) slot = (slot + 1) & this.mask;
      this.keys[slot] = id;
      for (let k = 0; k < width; k++) this.values[slot * width + k] = row[k] ?? 0;
    }
  }

  /** The offset of `id`'s row in `values`, or -1 when the id has no row. */
  find(id: number): number {
    let slot = id & this.mask;
    for (;;) {
      const key = this.keys[slot] as number;
      if (key === id) return slot * this.width;
      if (key === -1) return -1;
      slot = (slot + 1) & this.mask;
    }
  }
}
