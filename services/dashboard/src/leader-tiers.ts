import { intervalsOverlap, type RatioEstimate } from '@pushpull/metrics';

/** One tier: leaders that cannot be told apart from at least one other leader of the tier. */
export interface Tier<T> {
  /** 1 = the highest values. */
  tier: number;
  /** Members in a neutral order (as given), never by their point estimates. */
  members: T[];
  /** The span of the members' intervals. */
  low: number;
  high: number;
}

/**
 * Groups leaders into tiers by their intervals, highest first, so that no two leaders whose
 * intervals overlap are ranked against each other: a tier is a chain of overlapping intervals
 * (sorted by upper end, a leader joins the tier when its interval overlaps the tier's lowest one),
 * and every interval in a tier lies wholly above every interval of the next tier. Within a tier the
 * order is the input's (e.g. by name), not by value. Items without an interval are left out (the
 * caller lists them as "not enough data").
 *
 * @example
 * tiers([{ id: 'a', low: 0.7, high: 0.9 }, { id: 'b', low: 0.6, high: 0.8 }, { id: 'c', low: 0.1, high: 0.3 }], (x) => x)
 * // [{ tier: 1, members: [a, b], low: 0.6, high: 0.9 }, { tier: 2, members: [c], low: 0.1, high: 0.3 }]
 */
export function tiers<T>(
  items: readonly T[],
  interval: (item: T) => Pick<RatioEstimate, 'low' | 'high'>,
): Tier<T>[] {
  const placed = items
    .map((item, index) => ({ item, index, ...interval(item) }))
    .filter((x): x is typeof x & { low: number; high: number } => x.low !== null && x.high !== null)
    .sort((a, b) => b.high - a.high || b.low - a.low || a.index - b.index);
  const out: { members: typeof placed; low: number; high: number; lowest: (typeof placed)[number] }[] = [];
  for (const x of placed) {
    const current = out.at(-1);
    if (current && intervalsOverlap(x, current.lowest)) {
      current.members.push(x);
      if (x.low < current.low) {
        current.low = x.low;
        current.lowest = x;
      }
    } else {
      out.push({ members: [x], low: x.low, high: x.high, lowest: x });
    }
  }
  return out.map((t, i) => ({
    tier: i + 1,
    members: [...t.members].sort((a, b) => a.index - b.index).map((m) => m.item),
    low: t.low,
    high: t.high,
  }));
}
