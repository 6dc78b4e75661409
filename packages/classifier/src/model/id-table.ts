/**
 * A read-only table from feature ids (non-negative 30-bit integers) to a fixed-width row of weights.
 * The ids sit in an open-addressing index (linear probing) of (id, row offset) pairs in one Int32Array,
 * so a probe reads one cache line; the rows are packed densely, in the order the ids were added, in
 * `values`. Both stay small (≈1 MB and ≈2 MB for the committed model), so lookups mostly hit the CPU's
 * caches. Built once when the model loads.
 *
 * @example const t = new IdTable(new Map([[7, Float64Array.of(1, 2)]]), 2); t.find(7) // 0 (row offset)
 */
export class IdTable {
  /** Slot `s` holds an id at `2s` (-1 when empty) and its row's offset in `values` at `2s + 1`. */
  private readonly slots: Int32Array;
  /** The rows, packed: a found id's row is `values[at … at + width)`. */
  readonly values: Float64Array;
  private readonly mask: number;
  /** How many rows are taken (while building). */
  private rows = 0;

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
    this.slots = new Int32Array(size * 2).fill(-1);
    this.values = new Float64Array(capacity * width);
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

  /** The offset of `id`'s row, taking the next free row for it if it has none (only while building). */
  private rowFor(id: number): number {
    const slots = this.slots;
    let slot = id & this.mask;
    for (;;) {
      const key = slots[slot * 2] as number;
      if (key === id) return slots[slot * 2 + 1] as number;
      if (key === -1) {
        const at = this.rows * this.width;
        this.rows++;
        slots[slot * 2] = id;
        slots[slot * 2 + 1] = at;
        return at;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** The offset of `id`'s row in `values`, or -1 when the id has no row. */
  find(id: number): number {
    const slots = this.slots;
    let slot = id & this.mask;
    for (;;) {
      const key = slots[slot * 2] as number;
      if (key === id) return slots[slot * 2 + 1] as number;
      if (key === -1) return -1;
      slot = (slot + 1) & this.mask;
    }
  }
}
