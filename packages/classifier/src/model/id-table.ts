/**
 * A read-only table from feature ids (non-negative 30-bit integers) to a fixed-width row of weights,
 * in two flat typed arrays (open addressing, linear probing, sized for the distinct ids): the ids by
 * slot, and the rows by slot. A row's place follows from its slot, not from a stored offset, so the
 * CPU fetches the row while it still compares the id. Built once when the model loads.
 *
 * @example const t = new IdTable(new Map([[7, Float64Array.of(1, 2)]]), 2); t.find(7) // 14 (row offset)
 */
export class IdTable {
  /** The id in each slot, -1 where empty. */
  private readonly keys: Int32Array;
  /** Slot `s`'s row is `values[s * width … s * width + width)`. */
  readonly values: Float64Array;
  private readonly mask: number;

  /**
   * @param rows the rows by id
   * @param width numbers per row
   * @param capacity how many distinct ids the table will hold at most (default: `rows.size`)
   */
  constructor(
    rows: ReadonlyMap<number, ArrayLike<number>>,
    readonly width: number,
    capacity: number = rows.size,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.keys = new Int32Array(size).fill(-1);
    this.values = new Float64Array(size * width);
    for (const [id, row] of rows) {
      const at = this.rowFor(id);
      for (let k = 0; k < width; k++) this.values[at + k] = row[k] ?? 0;
    }
  }

  /**
   * A table of several stored models' rows side by side, filled in place: block b's weights for an id
   * go to columns `offset … offset + length` of that id's row (zeros where a block lacks the id).
   * Builds no intermediate row per id: the weights file holds ~100,000 of them.
   *
   * @example IdTable.fromColumns(5, [{ offset: 0, rows: mode.lexical }, { offset: 3, rows: initiative.lexical }])
   */
  static fromColumns(
    width: number,
    blocks: ReadonlyArray<{ offset: number; rows: Readonly<Record<string, ArrayLike<number>>> }>,
  ): IdTable {
    // The distinct ids: those of each block that no earlier block has.
    let capacity = 0;
    for (let b = 0; b < blocks.length; b++) {
      for (const key in blocks[b]?.rows) {
        let earlier = false;
        for (let e = 0; e < b && !earlier; e++) earlier = Object.hasOwn(blocks[e]?.rows ?? {}, key);
        if (!earlier) capacity++;
      }
    }
    const table = new IdTable(new Map(), width, capacity);
    for (const block of blocks) {
      const { rows, offset } = block;
      for (const key in rows) {
        const row = rows[key] as ArrayLike<number>;
        const at = table.rowFor(Number(key)) + offset;
        for (let k = 0; k < row.length; k++) table.values[at + k] = row[k] as number;
      }
    }
    return table;
  }

  /** The offset of `id`'s row, claiming an empty slot for it if it has none (only while building). */
  private rowFor(id: number): number {
    let slot = id & this.mask;
    for (;;) {
      const key = this.keys[slot] as number;
      if (key === id) return slot * this.width;
      if (key === -1) {
        this.keys[slot] = id;
        return slot * this.width;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * The offset of `id`'s row in `values`, or -1 when the id has no row. The row's place follows from
   * the slot alone, so the CPU can fetch it while it still checks the key.
   */
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
