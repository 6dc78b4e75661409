/**
 * A list of distinct strings in the order they were first added (as a `Set` of strings iterates),
 * reused from list to list: `start` begins a new one, and a string's membership is a stamp in one
 * `Map` kept across lists, so building a list allocates nothing but its result. Holds at most
 * `capacity` distinct strings across lists before it forgets them (and starts over cleanly).
 *
 * @example const d = new DistinctStrings(); d.start(); d.add('a'); d.add('a'); d.list() // ['a']
 */
export class DistinctStrings {
  /** The strings of the current list, first added first: `items[0 … length)`. */
  private readonly items: string[] = [];
  private length = 0;
  /** The list each string was last added to. */
  private readonly stamps = new Map<string, number>();
  private generation = 0;

  constructor(readonly capacity = 65_536) {}

  /** Begins a new, empty list. */
  start(): void {
    this.length = 0;
    this.generation++;
    if (this.stamps.size > this.capacity || this.generation === Number.MAX_SAFE_INTEGER) {
      this.stamps.clear();
      this.generation = 1;
    }
  }

  /** Adds `s` unless the current list has it. */
  add(s: string): void {
    if (this.stamps.get(s) === this.generation) return;
    this.stamps.set(s, this.generation);
    this.items[this.length++] = s;
  }

  /** How many strings the current list has. */
  get size(): number {
    return this.length;
  }

  /** The `i`th string of the current list. */
  at(i: number): string {
    return this.items[i] as string;
  }

  /** The current list, as a new array. */
  list(): string[] {
    return this.items.slice(0, this.length);
  }
}
