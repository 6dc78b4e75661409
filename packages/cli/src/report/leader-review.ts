import { type CountKey, type DirectionCounts, periodRange, pushShare, type Trend } from '@pushpull/metrics';
import { OrgChart } from '@pushpull/org';
import type { DirectionRow, FactRow, LeaderReview, RatioRow, ShownRatio } from '@pushpull/report-render';
import { loadOrgRows, queryWeeklyCounts, type Store } from '@pushpull/store';
import { buildLeaderReport, type LeaderReport } from '../leader-report';
import { previousPeriod } from './previous-period';
import { shownRaw } from './shown-ratio';

/** The directions with a target band: always on the balance profile. */
const BANDED = ['up', 'down', 'peer', 'external'] as const;
const OTHERS = ['lateral', 'unknown', 'broadcast', 'none'] as const;

/** Options of `buildLeaderReview`. */
export interface LeaderReviewOptions {
  /** Compare with the previous period (default true). */
  previous?: boolean;
  /** The leader's department, when the caller knows it; else read from the org chart as of the period's end. */
  department?: string | null;
}

function hours(ms: number | null): string {
  return ms === null ? 'not enough data' : `${(ms / 3_600_000).toFixed(1)} h`;
}

function trendText(t: Trend): string {
  return t.change === null
    ? t.direction
    : `${t.direction} (${t.change >= 0 ? '+' : ''}${t.change.toFixed(2)} over the period)`;
}

function volumeOf(counts: DirectionCounts, key: CountKey): number {
  return (counts[key]?.push ?? 0) + (counts[key]?.pull ?? 0);
}

/** The figures of one leader report that the review compares across periods. */
function figures(r: LeaderReport) {
  const m = r.metrics;
  const ratios: Record<string, ShownRatio> = {
    'upward-proactivity': shownRaw(m.upwardProactivity, r.counts.up?.push ?? 0),
    'downward-pull-share': shownRaw(m.downwardPullShare, m.volume.down),
    'external-pull-share': shownRaw(m.externalPullShare, m.volume.external),
    'answered-share': shownRaw(r.pulledByManager.answeredShare, r.pulledByManager.pullsReceived),
  };
  const facts: Record<string, string> = {
    'push-only': m.pushOnly ? 'yes' : 'no',
    'pulls-received': String(r.pulledByManager.pullsReceived),
    'median-response': hours(r.pulledByManager.medianResponseMs),
    'events-per-week': r.eventsPerWeek.toFixed(1),
    'pulls-to-reports': String(r.team.pullsToReports.pullsReceived),
    'reports-median-response': hours(r.team.pullsToReports.medianResponseMs),
  };
  const pushShares = Object.fromEntries(
    [...BANDED, ...OTHERS].map((d) => [d, shownRaw(m.pushShare[d], m.volume[d])]),
  ) as Record<CountKey, ShownRatio>;
  const bands = m.bands;
  const team = shownRaw(r.team.upwardProactivity, r.team.reportsWithData);
  return { ratios, facts, pushShares, bands, team };
}

/**
 * Maps a leader report (and the previous period's, and the weekly counts per direction) to what the
 * HTML / PDF review shows. Pure.
 *
 * @example const review = toLeaderReview(report, previous, weekly, 'R&D');
 */
export function toLeaderReview(
  r: LeaderReport,
  previous: { report: LeaderReport; label: string } | null,
  weekly: ReadonlyMap<string, DirectionCounts>,
  department: string | null,
): LeaderReview {
  const now = figures(r);
  const prev = previous ? figures(previous.report) : null;
  const minVolume = r.settings.minVolume;
  const withData = OTHERS.filter((d) => {
    const c = r.counts[d];
    return c && c.push + c.pull + c.neutral > 0;
  });
  const directions: DirectionRow[] = [...BANDED, ...withData].map((d) => {
    const c = r.counts[d] ?? { push: 0, pull: 0, neutral: 0 };
    const banded = (BANDED as readonly string[]).includes(d);
    const key = d as (typeof BANDED)[number];
    return {
      direction: d,
      push: c.push,
      pull: c.pull,
      neutral: c.neutral,
      pushShare: now.pushShares[d],
      band: banded ? now.bands[key] : null,
      target: banded ? r.settings.bands[key] : null,
      previous: prev ? { pushShare: prev.pushShares[d], band: banded ? prev.bands[key] : null } : null,
    };
  });
  const ratioRow = (key: string, label: string, volume: string): RatioRow => ({
    key,
    label,
    value: now.ratios[key] as ShownRatio,
    volumeOf: volume,
    previous: prev ? (prev.ratios[key] as ShownRatio) : null,
  });
  const factRow = (key: string, label: string): FactRow => ({
    label,
    value: now.facts[key] as string,
    previous: prev ? (prev.facts[key] as string) : null,
  });
  const weeks = r.weeks.map((w) => w.week);
  return {
    leader: { name: r.leader.name, email: r.leader.email, department },
    period: r.period,
    previous: previous
      ? { label: previous.label, from: previous.report.period.from, to: previous.report.period.to }
      : null,
    asOf: r.asOf,
    minVolume,
    directions,
    ratios: [
      ratioRow('upward-proactivity', 'upward proactivity', 'pushes up'),
      ratioRow('downward-pull-share', 'downward pull share', 'pushes + pulls down'),
      ratioRow('external-pull-share', 'external pull share', 'pushes + pulls external'),
      ratioRow('answered-share', "share of the manager's pulls answered", 'pulls from own manager'),
    ],
    facts: [
      factRow('push-only', 'push-only (directive crutch)'),
      factRow('pulls-received', 'pulls received from own manager'),
      factRow('median-response', 'median response time to own manager'),
      factRow('events-per-week', 'events per week'),
    ],
    team: {
      reports: r.team.reports,
      reportsWithData: r.team.reportsWithData,
      upwardProactivity: now.team,
      previousUpwardProactivity: prev ? prev.team : null,
      trend: trendText(r.team.trend),
      facts: [
        factRow('pulls-to-reports', 'pulls the reports received from their manager'),
        factRow('reports-median-response', 'median response time of the reports'),
      ],
    },
    weeks,
    weeklyPushShare: BANDED.map((d) => ({
      name: d,
      points: weeks.map((w) => {
        const c = weekly.get(w) ?? {};
        return shownRaw(pushShare(c[d], minVolume), volumeOf(c, d));
      }),
    })),
    weeklyTeam: [
      {
        name: 'team median',
        points: r.weeks.map((w) => shownRaw(w.teamUpwardProactivity, 0)),
      },
    ],
    trendText: `Downward pull share: ${trendText(r.trends.downwardPullShare)}. Upward proactivity: ${trendText(r.trends.upwardProactivity)}.`,
    sources: [...new Set(r.sources.map((s) => s.source))].map((source) => {
      const n = (mode: string) => r.sources.find((s) => s.source === source && s.mode === mode)?.events ?? 0;
      return { source, push: n('push'), pull: n('pull'), neutral: n('neutral') };
    }),
    reasons: r.reasons,
  };
}

/**
 * Gathers a leader's quarterly review from the store: the leader report of the period, the same for
 * the previous period, and the weekly counts per direction for the trend chart. Throws like
 * `buildLeaderReport` (unknown leader, bad period).
 *
 * @example const review = await buildLeaderReview(store, 'lea@acme.io', '2026-Q3', new Date());
 */
export async function buildLeaderReview(
  store: Store,
  email: string,
  period: string,
  now: Date,
  options: LeaderReviewOptions = {},
): Promise<LeaderReview> {
  const report = await buildLeaderReport(store, email, period, now);
  let previous: { report: LeaderReport; label: string } | null = null;
  if (options.previous !== false) {
    const p = previousPeriod(period, now);
    previous = { report: await buildLeaderReport(store, email, p.period, p.now), label: p.label };
  }
  const range = periodRange(period, now);
  const rows = await queryWeeklyCounts(store.db, [report.leader.personId], range);
  const weekly = new Map(rows.map((w) => [w.week, w.counts as DirectionCounts]));
  const department =
    options.department !== undefined
      ? options.department
      : (OrgChart.fromRows(await loadOrgRows(store.db)).person(
          report.leader.personId,
          new Date(`${report.asOf}T00:00:00Z`),
        )?.department ?? null);
  return toLeaderReview(report, previous, weekly, department);
}
