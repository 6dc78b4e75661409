/**
 * The distinct ids of one message, in the order they were first added (as a `Set` iterates), kept in
 * typed arrays that are reused from message to message: no `Set` and no array per message. `add`
 * ignores an id it already holds; `start` empties it.
 *
 * @example const c = new IdCollector(); c.start(); c.add(7); c.add(7); c.count // 1
 */
export class IdCollector {
  /** The ids added since `start`, first occurrence first: `ids[0 … count)`. */
  ids = new Int32Array(1024);
  count = 0;
  /** Open addressing (linear probing) over `ids`' values: a slot is taken when its stamp is `generation`. */
  private slots = new Int32Array(2048);
  private stamps = new Int32Array(2048);
  private generation = 1;

  /** Forgets the ids of the previous message. */
  start(): void {
    this.count = 0;
    this.generation++;
    if (this.generation === 0x7fffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }

  /**
   * Adds `id` (a non-negative 30-bit integer, well mixed) unless it is already there; true when it was
   * not (the first time the message has it).
   */
  add(id: number): boolean {
    const mask = this.slots.length - 1;
    let slot = id & mask;
    for (;;) {
      if (this.stamps[slot] !== this.generation) break;
      if (this.slots[slot] === id) return false;
      slot = (slot + 1) & mask;
    }
    this.stamps[slot] = this.generation;
    this.slots[slot] = id;
    if (this.count === this.ids.length) {
      const ids = new Int32Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
    }
    this.ids[this.count++] = id;
    if (this.count * 2 > this.slots.length) this.grow();
    return true;
  }

  /** Twice the slots, the held ids placed again. */
  private grow(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size);
    this.stamps = new Int32Array(size);
    this.generation = 1;
    const mask = size - 1;
    for (let i = 0; i < this.count; i++) {
      const id = this.ids[i] as number;
      let slot = id & mask;
      while (this.stamps[slot] === 1) slot = (slot + 1) & mask;
      this.stamps[slot] = 1;
      this.slots[slot] = id;
    }
  }
}
