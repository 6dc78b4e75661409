/** Counts of gold label (row) against predicted label (column). */
export interface ConfusionMatrix<L extends string> {
  labels: readonly L[];
  /** `counts[g][p]`: items with gold `labels[g]` predicted as `labels[p]`. */
  counts: number[][];
}

/** Precision, recall and F1 of one class, with its gold support. */
export interface ClassScore<L extends string> {
  label: L;
  precision: number;
  recall: number;
  f1: number;
  /** Gold items of the class. */
  support: number;
  /** Items predicted as the class. */
  predicted: number;
}

/**
 * Counts gold/predicted pairs. A label outside `labels` throws.
 *
 * @example confusionMatrix(['a', 'b'], [{ gold: 'a', predicted: 'b' }]).counts // [[0, 1], [0, 0]]
 */
export function confusionMatrix<L extends string>(
  labels: readonly L[],
  pairs: Iterable<{ gold: L; predicted: L }>,
): ConfusionMatrix<L> {
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  for (const { gold, predicted } of pairs) {
    const g = index.get(gold);
    const p = index.get(predicted);
    if (g === undefined || p === undefined)
      throw new Error(`unknown label ${g === undefined ? gold : predicted}`);
    counts[g]![p]!++;
  }
  return { labels, counts };
}

/**
 * Per-class precision (correct / predicted), recall (correct / gold) and F1 (their harmonic mean).
 * A ratio with a zero denominator is 0, so a class never predicted has precision 0.
 *
 * @example classScores(confusionMatrix(['a', 'b'], [{ gold: 'a', predicted: 'a' }]))[0].f1 // 1
 */
export function classScores<L extends string>(matrix: ConfusionMatrix<L>): ClassScore<L>[] {
  const { labels, counts } = matrix;
  return labels.map((label, i) => {
    const correct = counts[i]![i]!;
    const support = counts[i]!.reduce((a, b) => a + b, 0);
    const predicted = counts.reduce((sum, row) => sum + row[i]!, 0);
    const precision = ratio(correct, predicted);
    const recall = ratio(correct, support);
    const f1 = ratio(2 * precision * recall, precision + recall);
    return { label, precision, recall, f1, support, predicted };
  });
}

/**
 * The unweighted mean of the per-class F1 over every label (a class with no gold and no predicted
 * items still counts, as 0, so leave such labels out of `labels` if they cannot occur).
 *
 * @example macroF1(confusionMatrix(['a', 'b'], [{ gold: 'a', predicted: 'a' }, { gold: 'b', predicted: 'b' }])) // 1
 */
export function macroF1<L extends string>(matrix: ConfusionMatrix<L>): number {
  const scores = classScores(matrix);
  return scores.reduce((sum, s) => sum + s.f1, 0) / scores.length;
}

/** Share of items on the diagonal; 0 when empty. */
export function accuracy<L extends string>(matrix: ConfusionMatrix<L>): number {
  const total = matrix.counts.flat().reduce((a, b) => a + b, 0);
  return ratio(
    matrix.counts.reduce((sum, row, i) => sum + row[i]!, 0),
    total,
  );
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}
