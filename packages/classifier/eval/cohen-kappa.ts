/**
 * Cohen's kappa of two raters over the same items: observed agreement corrected for the agreement
 * their label frequencies give by chance. 1 is perfect, 0 is chance. NaN for no items.
 *
 * @example cohenKappa([['push', 'push'], ['pull', 'push']]) // 0
 */
export function cohenKappa(pairs: readonly (readonly [string, string])[]): {
  n: number;
  agreement: number;
  kappa: number;
} {
  const n = pairs.length;
  if (n === 0) return { n, agreement: Number.NaN, kappa: Number.NaN };
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let same = 0;
  for (const [x, y] of pairs) {
    if (x === y) same++;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
  const observed = same / n;
  let expected = 0;
  for (const [label, count] of a) expected += (count / n) * ((b.get(label) ?? 0) / n);
  const kappa = expected === 1 ? 1 : (observed - expected) / (1 - expected);
  return { n, agreement: observed, kappa };
}
