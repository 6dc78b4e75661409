/**
 * The median of some numbers: the middle value, or the mean of the two middle values of an even
 * count (Postgres' `percentile_cont(0.5)`, so SQL and TypeScript agree). Null for no values.
 * NaN values are ignored.
 *
 * @example
 * median([3, 1, 2])    // 2
 * median([4, 1, 3, 2]) // 2.5
 * median([])           // null
 */
export function median(values: readonly number[]): number | null {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return null;
  const mid = Math.floor(n / 2);
  const upper = sorted[mid] as number;
  return n % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}
