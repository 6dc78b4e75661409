import { type PeriodRange, periodRange } from '@pushpull/metrics';

/** A report period: its date range and the day the org chart is read at. */
export interface PeriodWindow {
  period: string;
  range: PeriodRange;
  /** The org chart is read as of this day: the period's last day, or today for a running period. */
  asOf: string;
}

/**
 * Resolves a period (`YYYY-Qn`, `YYYY-MM`, `last-90d`) into its range and org-chart date.
 * Throws PushpullError `PERIOD_INVALID` for anything else.
 *
 * @example periodWindow('2026-Q3', new Date('2026-12-01')) // { range: { from: '2026-07-01', to: '2026-10-01' }, asOf: '2026-09-30' }
 */
export function periodWindow(period: string, now: Date): PeriodWindow {
  const range = periodRange(period, now);
  const today = now.toISOString().slice(0, 10);
  const asOf = range.to <= today ? previousDay(range.to) : today;
  return { period, range, asOf };
}

function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
