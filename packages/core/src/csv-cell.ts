/** What a spreadsheet may take for a formula when a cell starts with it (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number (`-0.25`, `+3`, `1e-3`): never a formula, left as it is. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A text value made safe for a spreadsheet: one starting with `=`, `+`, `-`, `@`, a tab or a carriage return
 * (which Excel, LibreOffice and Google Sheets run as a formula) gets a leading single quote, which they show as
 * text. Plain numbers are left alone. {@link restoreCsvFormula} undoes it.
 *
 * @example neutraliseCsvFormula('=HYPERLINK("http://evil")') // `'=HYPERLINK("http://evil")`
 */
export function neutraliseCsvFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * The value {@link neutraliseCsvFormula} was given, read back from a cell (for files pushpull wrote and
 * reads again, such as the org chart).
 *
 * @example restoreCsvFormula(`'=1+1`) // '=1+1'
 */
export function restoreCsvFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) && !PLAIN_NUMBER.test(text.slice(1))
    ? text.slice(1)
    : text;
}

/**
 * One CSV field of every CSV pushpull writes (`report --format csv`, `org export`): text neutralised against
 * formulas ({@link neutraliseCsvFormula}), then quoted when it holds a quote, a comma or a line break
 * (RFC 4180, quotes doubled); a number as it is; null empty.
 *
 * @example csvCell('Ops, EMEA') // '"Ops, EMEA"'
 * @example csvCell('@SUM(A1)') // "'@SUM(A1)"
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const s = typeof value === 'string' ? neutraliseCsvFormula(value) : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
