import { groupSourceCounts, type LeaderMetrics, leaderProfile, periodRange } from '@pushpull/metrics';
import { classifierCorrections } from '@pushpull/runtime';
import { queryCountsBySource, queryLeaderCounts, readMetricSettings, type Store } from '@pushpull/store';
import { type FigureKey, figuresOf, type RatioFigure, ratingRule } from './leader-figures';

/**
 * One leader as `/api/leaders` returns it (docs/contracts.md §9). For analysts `personId` is the
 * leader's pseudonym (`pseudonymOf` of @pushpull/store) and `name` and `email` are null.
 */
export interface LeaderSummary {
  personId: string;
  name: string | null;
  email: string | null;
  reports: number;
  period: { kind: string; from: string; to: string };
  counts: Awaited<ReturnType<typeof queryLeaderCounts>>[number]['counts'];
  /** The ratios as labelled (docs/contracts.md §9). */
  metrics: LeaderMetrics;
  /** Every ratio corrected for the classifier's confusion per source, with its 90% interval. */
  figures: Record<FigureKey, RatioFigure>;
}

/**
 * Leaders (people with direct reports) with their counts and PRODUCT.md metrics for a period
 * (`YYYY-Qn`, `YYYY-MM` or `last-90d`), with the minimum volume and bands of the metric settings:
 * `metrics` as labelled, `figures` corrected with 90% intervals.
 *
 * @example const leaders = await leadersReport(store, '2026-Q3', new Date());
 */
export async function leadersReport(store: Store, period: string, now: Date): Promise<LeaderSummary[]> {
  const range = periodRange(period, now);
  const asOf =
    range.to <= now.toISOString().slice(0, 10) ? previousDay(range.to) : now.toISOString().slice(0, 10);
  const rows = await queryLeaderCounts(store.db, { from: range.from, to: range.to, asOf });
  const [settings, sourceRows] = await Promise.all([
    readMetricSettings(store.db),
    queryCountsBySource(
      store.db,
      rows.map((r) => r.personId),
      range,
    ),
  ]);
  const bySource = groupSourceCounts(sourceRows);
  const figureSettings = { ...settings, corrections: classifierCorrections().corrections };
  const profileSettings = { ...figureSettings, ...ratingRule(figureSettings) };
  return rows.map((r) => {
    // The leader profile without the team (the list shows no team figure).
    const profile = leaderProfile(bySource.get(r.personId)?.get('') ?? {}, [], profileSettings);
    return {
      personId: r.personId,
      name: r.name,
      email: r.email,
      reports: r.reports,
      period: { kind: range.kind, from: range.from, to: range.to },
      counts: r.counts,
      metrics: profile.raw,
      figures: figuresOf(profile.corrected).figures,
    };
  });
}

function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
