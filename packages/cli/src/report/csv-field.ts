/**
 * One CSV field, quoted when it holds a quote, a comma or a line break (RFC 4180); `null` is empty.
 *
 * @example csvField('Ops, EMEA') // '"Ops, EMEA"'
 */
export function csvField(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
