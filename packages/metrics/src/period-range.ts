import { PushpullError } from '@pushpull/core';

/** What kind of period a range is: a calendar quarter or month, or the last N days up to today. */
export type PeriodRangeKind = 'quarter' | 'month' | 'rolling';

/** A half-open range of UTC dates: `from` inclusive, `to` exclusive (both `YYYY-MM-DD`). */
export interface PeriodRange {
  from: string;
  to: string;
  kind: PeriodRangeKind;
}

const DAY_MS = 86_400_000;
const QUARTER = /^(\d{4})-Q([1-4])$/i;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const LAST_DAYS = /^last-(\d{1,4})d$/i;
/** The years a quarter or month may name: no data predates 1970, and year 0000 is no date at all. */
export const PERIOD_YEARS = { min: 1970, max: 2999 } as const;

/**
 * The dates of a report period (docs/contracts.md §10): `YYYY-Qn` (a calendar quarter), `YYYY-MM` (a month) or
 * `last-90d` (also `last-Nd`, N = 1…3660: the N days ending with today, UTC, today included); years 1970–2999. Throws
 * PushpullError `PERIOD_INVALID` naming the accepted forms for anything else.
 *
 * @example
 * periodRange('2026-Q3', now)  // { from: '2026-07-01', to: '2026-10-01', kind: 'quarter' }
 * periodRange('2026-02', now)  // { from: '2026-02-01', to: '2026-03-01', kind: 'month' }
 * periodRange('last-90d', new Date('2026-03-31T10:00:00Z')) // { from: '2026-01-01', to: '2026-04-01', kind: 'rolling' }
 */
export function periodRange(period: string, now: Date): PeriodRange {
  const text = typeof period === 'string' ? period.trim() : '';
  const quarter = QUARTER.exec(text);
  if (quarter) {
    const year = checkedYear(period, Number(quarter[1]));
    const q = Number(quarter[2]);
    return { from: ymd(year, (q - 1) * 3, 1), to: ymd(year, q * 3, 1), kind: 'quarter' };
  }
  const month = MONTH.exec(text);
  if (month) {
    const year = checkedYear(period, Number(month[1]));
    const m = Number(month[2]) - 1;
    return { from: ymd(year, m, 1), to: ymd(year, m + 1, 1), kind: 'month' };
  }
  const last = LAST_DAYS.exec(text);
  if (last) {
    const days = Number(last[1]);
    if (days < 1 || days > 3660) {
      throw new PushpullError('PERIOD_INVALID', `period "${period}": last-Nd needs N from 1 to 3660`, {
        period,
      });
    }
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
      throw new PushpullError('PERIOD_INVALID', `period "${period}": the current time is not a valid date`, {
        period,
      });
    }
    const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    return { from: isoDate(tomorrow - days * DAY_MS), to: isoDate(tomorrow), kind: 'rolling' };
  }
  throw new PushpullError(
    'PERIOD_INVALID',
    `period "${String(period)}" is not valid: use YYYY-Qn (e.g. 2026-Q3), YYYY-MM (e.g. 2026-07) or last-90d`,
    { period },
  );
}

function checkedYear(period: string, year: number): number {
  if (year < PERIOD_YEARS.min || year > PERIOD_YEARS.max) {
    throw new PushpullError(
      'PERIOD_INVALID',
      `period "${period}": the year must be from ${PERIOD_YEARS.min} to ${PERIOD_YEARS.max}`,
      { period },
    );
  }
  return year;
}

/** `YYYY-MM-DD` of a UTC date; months past December roll into the next year. */
function ymd(year: number, monthIndex: number, day: number): string {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return isoDate(d.getTime());
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
