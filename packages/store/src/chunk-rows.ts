/** Postgres accepts at most 65535 bind parameters per statement; stay well below. */
export const MAX_PARAMETERS = 30_000;

/**
 * Splits rows into chunks small enough for one multi-row statement of `columns` parameters per row.
 *
 * @example chunkRows(rows, 11) // chunks of at most 2727 rows
 */
export function chunkRows<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, columns)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
