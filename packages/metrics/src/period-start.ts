import { PushpullError } from '@pushpull/core';

/** The rollup grains of the analytics views (docs/contracts.md §11). */
export type PeriodKind = 'week' | 'month' | 'quarter';

/** Every rollup grain. */
export const PERIOD_KINDS: readonly PeriodKind[] = ['week', 'month', 'quarter'];

/**
 * The first day (`YYYY-MM-DD`, UTC) of the week (ISO: Monday), month or quarter containing `at`
 * (a Date, an ISO timestamp or a `YYYY-MM-DD` date). The `period_start` of a rollup row.
 *
 * @example
 * periodStart('week', '2026-07-16T09:00:00Z')    // '2026-07-13' (a Monday)
 * periodStart('quarter', '2026-08-31')           // '2026-07-01'
 */
export function periodStart(kind: PeriodKind, at: Date | string): string {
  const ms = typeof at === 'string' ? Date.parse(at.length === 10 ? `${at}T00:00:00Z` : at) : at.getTime();
  if (Number.isNaN(ms)) {
    throw new PushpullError('PERIOD_INVALID', `periodStart: "${String(at)}" is not a date`, {
      at: String(at),
    });
  }
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const start = new Date(0);
  switch (kind) {
    case 'week':
      start.setUTCFullYear(year, month, d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
      break;
    case 'month':
      start.setUTCFullYear(year, month, 1);
      break;
    case 'quarter':
      start.setUTCFullYear(year, month - (month % 3), 1);
      break;
    default:
      throw new PushpullError('PERIOD_INVALID', `periodStart: unknown period kind "${String(kind)}"`, {
        kind,
      });
  }
  return start.toISOString().slice(0, 10);
}
