import { type LeaderMetrics, leaderMetrics, periodRange } from '@pushpull/metrics';
import { queryLeaderCounts, readMetricSettings, type Store } from '@pushpull/store';

/** One leader as `/api/leaders` returns it (CONTRACTS 3b). */
export interface LeaderSummary {
  personId: string;
  name: string | null;
  email: string;
  reports: number;
  period: { kind: string; from: string; to: string };
  counts: Awaited<ReturnType<typeof queryLeaderCounts>>[number]['counts'];
  metrics: LeaderMetrics;
}

/**
 * Leaders (people with direct reports) with their counts and PRODUCT.md metrics for a period
 * (`YYYY-Qn`, `YYYY-MM` or `last-90d`), with the minimum volume and bands of the metric settings.
 *
 * @example const leaders = await leadersReport(store, '2026-Q3', new Date());
 */
export async function leadersReport(store: Store, period: string, now: Date): Promise<LeaderSummary[]> {
  const range = periodRange(period, now);
  const asOf =
    range.to <= now.toISOString().slice(0, 10) ? previousDay(range.to) : now.toISOString().slice(0, 10);
  const rows = await queryLeaderCounts(store.db, { from: range.from, to: range.to, asOf });
  const settings = await readMetricSettings(store.db);
  return rows.map((r) => ({
    personId: r.personId,
    name: r.name,
    email: r.email,
    reports: r.reports,
    period: { kind: range.kind, from: range.from, to: range.to },
    counts: r.counts,
    metrics: leaderMetrics(r.counts, settings),
  }));
}

function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
