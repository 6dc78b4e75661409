/**
 * The median of the numbers (null for none).
 *
 * @example median([3, 1, 2]) // 2
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The value at quantile q (0…1) by linear interpolation; null for none. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/**
 * Tukey's fences [Q1 − 1.5·IQR, Q3 + 1.5·IQR]; null with fewer than 4 values.
 *
 * @example fences([0.1, 0.2, 0.3, 0.4, 0.9]) // [-0.1, 0.7]
 */
export function fences(values: readonly number[]): [number, number] | null {
  if (values.length < 4) return null;
  const q1 = quantile(values, 0.25)!;
  const q3 = quantile(values, 0.75)!;
  const iqr = q3 - q1;
  return [q1 - 1.5 * iqr, q3 + 1.5 * iqr];
}
