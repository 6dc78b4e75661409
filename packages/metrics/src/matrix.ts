/** A dense matrix, rows of equal length. */
export type Matrix = number[][];

/**
 * Entry (i, j) of a matrix, with the bounds the caller already checked (no `undefined` in the maths).
 *
 * @example entry([[1, 2], [3, 4]], 1, 0) // 3
 */
export function entry(m: readonly (readonly number[])[], i: number, j: number): number {
  return (m[i] as readonly number[])[j] as number;
}

/**
 * The inverse of a square matrix (Gauss–Jordan with partial pivoting), or null when it is singular
 * (a pivot below `1e-12`).
 *
 * @example invertMatrix([[2, 0], [0, 4]]) // [[0.5, 0], [0, 0.25]]
 */
export function invertMatrix(m: readonly (readonly number[])[]): Matrix | null {
  const n = m.length;
  const a: number[][] = m.map((row, i) => [
    ...row,
    ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  ]);
  const width = 2 * n;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(entry(a, r, col)) > Math.abs(entry(a, pivot, col))) pivot = r;
    if (Math.abs(entry(a, pivot, col)) < 1e-12) return null;
    const pivotRow = a[pivot] as number[];
    a[pivot] = a[col] as number[];
    a[col] = pivotRow;
    const p = entry(a, col, col);
    for (let j = 0; j < width; j++) pivotRow[j] = (pivotRow[j] as number) / p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const f = row[col] as number;
      if (f === 0) continue;
      for (let j = 0; j < width; j++) row[j] = (row[j] as number) - f * (pivotRow[j] as number);
    }
  }
  return a.map((row) => row.slice(n));
}

/**
 * The transpose of a matrix.
 *
 * @example transpose([[1, 2], [3, 4]]) // [[1, 3], [2, 4]]
 */
export function transpose(m: readonly (readonly number[])[]): Matrix {
  const first = m[0];
  return first === undefined ? [] : first.map((_, j) => m.map((row) => row[j] as number));
}
