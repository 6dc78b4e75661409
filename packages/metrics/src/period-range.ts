import { PushpullError } from '@pushpull/core';

/** What kind of period a range is: a calendar quarter, month or ISO week, or the last N days up to today. */
export type PeriodRangeKind = 'quarter' | 'month' | 'week' | 'rolling';

/** A half-open range of UTC dates: `from` inclusive, `to` exclusive (both `YYYY-MM-DD`). */
export interface PeriodRange {
  from: string;
  to: string;
  kind: PeriodRangeKind;
}

const DAY_MS = 86_400_000;
const QUARTER = /^(\d{4})-Q([1-4])$/i;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WEEK = /^(\d{4})-W(\d{2})$/i;
const LAST_DAYS = /^last-(\d+)d$/i;
/** The years a quarter, month or week may name: no data predates 1970, and year 0000 is no date at all. */
export const PERIOD_YEARS = { min: 1970, max: 2999 } as const;
/**
 * The rolling periods there are: only these, so that two rolling periods never differ by a few days
 * (a difference of two overlapping ranges would isolate what happened in between).
 */
export const ROLLING_PERIOD_DAYS = [30, 90, 365] as const;
/** The period presets in words, for messages and help texts. */
export const PERIOD_PRESETS =
  'YYYY-Qn (e.g. 2026-Q3), YYYY-MM (e.g. 2026-07), YYYY-Www (ISO week, e.g. 2026-W27), last-30d, last-90d or last-365d';

/**
 * The dates of a report period (docs/contracts.md §10), one of the presets: `YYYY-Qn` (a calendar quarter),
 * `YYYY-MM` (a month), `YYYY-Www` (an ISO week, Monday to Sunday) or `last-30d`, `last-90d`, `last-365d`
 * (the N days ending with today, UTC, today included); years 1970–2999. Any other period, `last-97d`
 * included, throws PushpullError `PERIOD_INVALID` naming the presets: this is the one parser of periods
 * (CLI, dashboard API and pages).
 *
 * @example
 * periodRange('2026-Q3', now)  // { from: '2026-07-01', to: '2026-10-01', kind: 'quarter' }
 * periodRange('2026-02', now)  // { from: '2026-02-01', to: '2026-03-01', kind: 'month' }
 * periodRange('2026-W01', now) // { from: '2025-12-29', to: '2026-01-05', kind: 'week' }
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
  const week = WEEK.exec(text);
  if (week) {
    const year = checkedYear(period, Number(week[1]));
    const n = Number(week[2]);
    const first = isoWeekOneMonday(year);
    const weeks = (isoWeekOneMonday(year + 1) - first) / (7 * DAY_MS);
    if (n < 1 || n > weeks) {
      throw new PushpullError(
        'PERIOD_INVALID',
        `period "${period}": ${year} has ISO weeks W01 to W${weeks}`,
        {
          period,
        },
      );
    }
    const from = first + (n - 1) * 7 * DAY_MS;
    return { from: isoDate(from), to: isoDate(from + 7 * DAY_MS), kind: 'week' };
  }
  const last = LAST_DAYS.exec(text);
  if (last && (ROLLING_PERIOD_DAYS as readonly number[]).includes(Number(last[1]))) {
    const days = Number(last[1]);
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
    `period "${String(period)}" is not one of the presets: use ${PERIOD_PRESETS}`,
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

/** The Monday (UTC ms) of ISO week 1 of `year`: the week that holds 4 January. */
function isoWeekOneMonday(year: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, 0, 4);
  return d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS;
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
