/**
 * The value at quantile q (0…1) of sorted values, by linear interpolation between neighbours.
 *
 * @example quantileOfSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileOfSorted(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/**
 * Tukey's fences [Q1 − 1.5·IQR, Q3 + 1.5·IQR]: what the dashboard's overview and the org review pack
 * call an outlier lies outside them. Null with fewer than 4 values.
 *
 * @example tukeyFences([0.1, 0.2, 0.3, 0.4, 0.9]) // [-0.1, 0.7]
 */
export function tukeyFences(values: readonly number[]): [number, number] | null {
  if (values.length < 4) return null;
  const s = [...values].sort((a, b) => a - b);
  const q1 = quantileOfSorted(s, 0.25);
  const q3 = quantileOfSorted(s, 0.75);
  return [q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)];
}
