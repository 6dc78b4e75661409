import { PushpullError } from '@pushpull/core';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/**
 * Returns `value` when it is a 'YYYY-MM-DD' date, else throws `STORE_INVALID_ARGUMENT` naming `what`.
 *
 * @example assertIsoDate('2024-05-01', 'from')
 */
export function assertIsoDate(value: string, what: string): string {
  if (!isIsoDate(value)) {
    throw new PushpullError('STORE_INVALID_ARGUMENT', `${what}: expected a date YYYY-MM-DD, got '${value}'`, {
      [what]: value,
    });
  }
  return value;
}

/** The UTC calendar day of an ISO timestamp, or null when it does not parse. */
export function utcDayOf(timestamp: string): string | null {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
}

/** Today's UTC date, 'YYYY-MM-DD'. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
