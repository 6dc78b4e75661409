import { periodRange } from '@pushpull/metrics';

/** The period before a report's period, to show its figures beside the report's ("quarter over quarter"). */
export interface PreviousPeriod {
  /** What to pass as the period (with `now`) to compute the previous period's figures. */
  period: string;
  now: Date;
  /** How the previous period is named in the report, e.g. `2026-Q2`. */
  label: string;
}

const DAY_MS = 86_400_000;

/**
 * The period just before `period`: the previous quarter of `YYYY-Qn`, the previous month of
 * `YYYY-MM`, the previous ISO week of `YYYY-Www`, and the N days before `last-30d`/`last-90d`/`last-365d`
 * (named "previous N days", the same preset read N days earlier). Throws PushpullError
 * `PERIOD_INVALID` for a period that is not valid.
 *
 * @example previousPeriod('2026-Q1', now) // { period: '2025-Q4', now, label: '2025-Q4' }
 */
export function previousPeriod(period: string, now: Date): PreviousPeriod {
  const range = periodRange(period, now);
  const text = period.trim();
  if (range.kind === 'quarter') {
    const [year, q] = [Number(text.slice(0, 4)), Number(text.slice(-1))];
    const label = q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
    return { period: label, now, label };
  }
  if (range.kind === 'month') {
    const d = new Date(`${range.from}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - 1);
    const label = d.toISOString().slice(0, 7);
    return { period: label, now, label };
  }
  if (range.kind === 'week') {
    const label = isoWeekOf(Date.parse(`${range.from}T00:00:00Z`) - 7 * DAY_MS);
    return { period: label, now, label };
  }
  const days = (Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS;
  return { period: text, now: new Date(now.getTime() - days * DAY_MS), label: `previous ${days} days` };
}

/** The ISO week (`YYYY-Www`) of the Monday at `monday` (UTC ms): its Thursday's year, and its number in it. */
function isoWeekOf(monday: number): string {
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
