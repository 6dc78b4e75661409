/** How a ratio below its minimum volume is shown: never as a number. */
export const NOT_ENOUGH_DATA = 'not enough data';

/**
 * A ratio for people to read: rounded to `digits` decimals, or "not enough data" when null.
 *
 * @example
 * formatRatio(0.756)    // '0.76'
 * formatRatio(null)     // 'not enough data'
 * formatRatio(1 / 3, 3) // '0.333'
 */
export function formatRatio(value: number | null, digits = 2): string {
  if (value === null || Number.isNaN(value)) return NOT_ENOUGH_DATA;
  return value.toFixed(digits);
}
