/** Postgres type oids whose text form pushpull parses itself, identically on pg and PGlite. */
export const PG_OID = { int8: 20, date: 1082, numeric: 1700 } as const;

/** A `date` stays the 'YYYY-MM-DD' text Postgres sends (no time zone shift, no Date object). */
export function parseDateText(value: string): string {
  return value;
}

/** A `bigint` (e.g. `count(*)`, `sum(int)`) becomes a number when it is a safe integer, else stays text. */
export function parseInt8Text(value: string): number | string {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

/**
 * A `numeric` (e.g. `sum(bigint)`) becomes a number when that loses nothing that matters: a safe
 * integer, or a decimal of at most 15 significant digits. Anything larger stays text.
 */
export function parseNumericText(value: string): number | string {
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? n : value;
  const digits = value.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  return digits.length <= 15 ? n : value;
}

/**
 * The text-format parsers both backends use, by type oid.
 *
 * @example typeParsers[PG_OID.date]?.('2024-05-01') // '2024-05-01'
 */
export const typeParsers: Readonly<Record<number, (value: string) => unknown>> = {
  [PG_OID.int8]: parseInt8Text,
  [PG_OID.date]: parseDateText,
  [PG_OID.numeric]: parseNumericText,
};
