/**
 * A small seeded pseudo-random generator: a 32-bit linear congruential state whose output goes
 * through an xorshift-multiply bijection. Fast, allocation-free and identical on every platform, so
 * the same seed always yields the same simulated organisation.
 *
 * @example
 * const rng = createRng(42);
 * rng.int(1, 6); // a die roll, the same one on every run
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** An index drawn with the given non-negative weights; -1 when they sum to zero. */
  weighted(weights: readonly number[]): number;
  /** A shuffled copy of `items`. */
  shuffle<T>(items: readonly T[]): T[];
}

/**
 * A bijective 32-bit integer mix (xorshift-multiply). Used to seed and to derive stable ids.
 *
 * @example hash32(1) !== hash32(2)
 */
export function hash32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * A 32-bit hash of a string (FNV-1a, then mixed), for ids derived from names.
 *
 * @example hashString('D:U1:U2') // same number on every run
 */
export function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return hash32(h);
}

/**
 * A generator for `seed` (any finite number; fractions are truncated) and an independent `stream`
 * number, so that different parts of the simulation draw from unrelated sequences.
 *
 * @example const orgRng = createRng(7, 1); const eventRng = createRng(7, 2);
 */
export function createRng(seed: number, stream = 0): Rng {
  const whole = Math.trunc(seed);
  const low = whole >>> 0;
  const high = Math.floor(whole / 4294967296) >>> 0;
  let state = hash32(low ^ hash32(high + hash32(stream + 0x9e3779b9)));

  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return hash32(state) / 4294967296;
  };

  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    weighted: (weights) => {
      let total = 0;
      for (const w of weights) total += w;
      if (total <= 0) return -1;
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i]!;
        if (r < 0) return i;
      }
      let last = weights.length - 1;
      while (last > 0 && weights[last]! <= 0) last--;
      return last;
    },
    shuffle: <T>(items: readonly T[]): T[] => {
      const copy = items.slice();
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
  };
}
