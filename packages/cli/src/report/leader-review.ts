import { periodRange, type Trend, teamEstimate, upwardProactivityEstimate } from '@pushpull/metrics';
import type { DirectionRow, FactRow, LeaderReview, RatioRow, ShownRatio } from '@pushpull/report-render';
import { queryCountsBySource, queryOrgAsOf, readMetricSettings, type Store } from '@pushpull/store';
import { buildLeaderReport, type LeaderReport } from '../leader-report';
import { previousPeriod } from './previous-period';
import {
  bySourceOf,
  type CountsBySource,
  type FigureContext,
  figureContext,
  leaderFiguresOf,
  type ShownLeaderFigures,
  shownWeeklyPushShare,
  totalBySource,
} from './review-figures';

/** The directions with a target band: always on the balance profile. */
const BANDED = ['up', 'down', 'peer', 'external'] as const;
const OTHERS = ['lateral', 'unknown', 'broadcast', 'none'] as const;

/** Options of `buildLeaderReview`. */
export interface LeaderReviewOptions {
  /** Compare with the previous period (default true). */
  previous?: boolean;
  /** The leader's department, when the caller knows it; else read from the org chart as of the period's end. */
  department?: string | null;
  /** The figure context (settings and corrections); read from the store when not given. */
  context?: FigureContext;
}

/** One period of a leader: the report (counts, pulls, reasons, trends) and its corrected figures. */
export interface LeaderPeriod {
  report: LeaderReport;
  /** What the period is called in the review (`2026-Q2`, `previous 90 days`). */
  label: string;
  figures: ShownLeaderFigures;
  /** The leader's counts per source, per week (Monday `YYYY-MM-DD`). */
  weeks: ReadonlyMap<string, CountsBySource>;
  /** The direct reports' counts per source, per week. */
  reportWeeks: readonly ReadonlyMap<string, CountsBySource>[];
}

function hours(ms: number | null): string {
  return ms === null ? 'not enough data' : `${(ms / 3_600_000).toFixed(1)} h`;
}

function trendText(t: Trend): string {
  return t.change === null
    ? t.direction
    : `${t.direction} (${t.change >= 0 ? '+' : ''}${t.change.toFixed(2)} over the period)`;
}

function ratios(p: LeaderPeriod, ctx: FigureContext): Record<string, ShownRatio> {
  const pulled = p.report.pulledByManager;
  const answered: ShownRatio = {
    raw: pulled.answeredShare,
    corrected: null,
    low: null,
    high: null,
    volume: pulled.pullsReceived,
    level: null,
    rated: pulled.answeredShare !== null,
    certainty:
      pulled.answeredShare === null
        ? `Not enough data: ${pulled.pullsReceived} pulls, at least ${ctx.rule.minVolume} needed.`
        : `Counted from ${pulled.pullsReceived} pulls and the replies in their threads; not corrected.`,
  };
  return {
    'upward-proactivity': p.figures.upwardProactivity,
    'downward-pull-share': p.figures.downwardPullShare,
    'external-pull-share': p.figures.externalPullShare,
    'answered-share': answered,
  };
}

function facts(p: LeaderPeriod): Record<string, string> {
  const r = p.report;
  return {
    'push-only': p.figures.pushOnly ? 'yes' : 'no',
    'pulls-received': String(r.pulledByManager.pullsReceived),
    'median-response': hours(r.pulledByManager.medianResponseMs),
    'events-per-week': r.eventsPerWeek.toFixed(1),
    'pulls-to-reports': String(r.team.pullsToReports.pullsReceived),
    'reports-median-response': r.team.pullsToReportsWithheld
      ? `withheld: ${r.team.pullsToReportsWithheld}`
      : hours(r.team.pullsToReports.medianResponseMs),
  };
}

/**
 * Maps a leader's period (and the previous one) to what the HTML / PDF review shows: corrected figures
 * with intervals, the raw share beside each, the weekly trend per direction with its interval band.
 * Pure.
 *
 * @example const review = toLeaderReview(current, previous, 'R&D', ctx);
 */
export function toLeaderReview(
  current: LeaderPeriod,
  previous: LeaderPeriod | null,
  department: string | null,
  ctx: FigureContext,
): LeaderReview {
  const r = current.report;
  const nowRatios = ratios(current, ctx);
  const prevRatios = previous ? ratios(previous, ctx) : null;
  const nowFacts = facts(current);
  const prevFacts = previous ? facts(previous) : null;
  const withData = OTHERS.filter((d) => {
    const c = r.counts[d];
    return c && c.push + c.pull + c.neutral > 0;
  });
  const directions: DirectionRow[] = [...BANDED, ...withData].map((d) => {
    const c = r.counts[d] ?? { push: 0, pull: 0, neutral: 0 };
    const key = (BANDED as readonly string[]).includes(d) ? (d as (typeof BANDED)[number]) : null;
    return {
      direction: d,
      push: c.push,
      pull: c.pull,
      neutral: c.neutral,
      pushShare: current.figures.pushShare(d),
      band: key ? current.figures.bands[key] : null,
      target: key ? ctx.bands[key] : null,
      previous: previous
        ? { pushShare: previous.figures.pushShare(d), band: key ? previous.figures.bands[key] : null }
        : null,
    };
  });
  const ratioRow = (key: string, label: string, volume: string): RatioRow => ({
    key,
    label,
    value: nowRatios[key] as ShownRatio,
    volumeOf: volume,
    previous: prevRatios ? (prevRatios[key] as ShownRatio) : null,
  });
  const factRow = (key: string, label: string): FactRow => ({
    label,
    value: nowFacts[key] as string,
    previous: prevFacts ? (prevFacts[key] as string) : null,
  });
  const weeks = r.weeks.map((w) => w.week);
  const weekRule = { ...ctx.rule, maxIntervalWidth: 1 };
  return {
    leader: { name: r.leader.name, email: r.leader.email, department },
    period: r.period,
    previous: previous
      ? { label: previous.label, from: previous.report.period.from, to: previous.report.period.to }
      : null,
    asOf: r.asOf,
    minVolume: ctx.rule.minVolume,
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
      reportsWithData: current.figures.estimates.team.membersWithData,
      upwardProactivity: current.figures.team,
      previousUpwardProactivity: previous ? previous.figures.team : null,
      trend: trendText(r.team.trend),
      facts: [
        factRow('pulls-to-reports', 'pulls the reports received from their manager'),
        factRow('reports-median-response', 'median response time of the reports'),
      ],
    },
    weeks,
    weeklyPushShare: BANDED.map((d) => ({
      name: d,
      points: weeks.map((w) => shownWeeklyPushShare(current.weeks.get(w) ?? {}, d, ctx)),
    })),
    weeklyTeam: [
      {
        name: 'team median',
        points: weeks.map((w, i) => {
          const t = teamEstimate(
            current.reportWeeks.map((rw) => upwardProactivityEstimate(rw.get(w) ?? {}, ctx.corrections)),
            weekRule,
            { reportsShownAlone: r.team.reportsShownAlone },
          );
          return {
            raw: r.weeks[i]?.teamUpwardProactivity ?? null,
            corrected: t.value,
            low: t.low,
            high: t.high,
            volume: t.membersWithData,
            level: t.value === null ? null : 0.9,
            rated: t.value !== null,
            certainty: null,
          };
        }),
      },
    ],
    trendText: `Weekly shares as labelled, fitted line over the period: downward pull share ${trendText(r.trends.downwardPullShare)}; upward proactivity ${trendText(r.trends.upwardProactivity)}.`,
    sources: [...new Set(r.sources.map((s) => s.source))].map((source) => {
      const n = (mode: string) => r.sources.find((s) => s.source === source && s.mode === mode)?.events ?? 0;
      return { source, push: n('push'), pull: n('pull'), neutral: n('neutral') };
    }),
    reasons: r.reasons,
  };
}

/**
 * One period of a leader from the store: the leader report, the counts per source (the leader's and
 * the direct reports', by week) and the corrected figures.
 */
async function leaderPeriod(
  store: Store,
  email: string,
  period: string,
  now: Date,
  label: string,
  ctx: FigureContext,
): Promise<LeaderPeriod> {
  const report = await buildLeaderReport(store, email, period, now);
  const me = report.leader.personId;
  // the reports present for the whole period, as the report's team figures count them
  const reportIds = report.team.fullPeriodReportIds;
  const range = periodRange(period, now);
  const rows = bySourceOf(await queryCountsBySource(store.db, [me, ...reportIds], range, { byWeek: true }));
  const weeks = rows.get(me) ?? new Map<string, CountsBySource>();
  const reportWeeks = reportIds.map((id) => rows.get(id) ?? new Map<string, CountsBySource>());
  const figures = leaderFiguresOf(
    totalBySource([...weeks.values()]),
    reportWeeks.map((w) => totalBySource([...w.values()])),
    report.team.upwardProactivity,
    ctx,
    { reportsShownAlone: report.team.reportsShownAlone },
  );
  return { report, label, figures, weeks, reportWeeks };
}

/**
 * Gathers a leader's quarterly review from the store: the period and the previous one, each with the
 * leader report (counts, pulls, reasons, trends) and its figures corrected for the classifier's known
 * confusion with 90% intervals, and the weekly counts per source for the trend charts. Throws like
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
  const ctx = options.context ?? figureContext(await readMetricSettings(store.db));
  const current = await leaderPeriod(store, email, period, now, period.trim(), ctx);
  let previous: LeaderPeriod | null = null;
  if (options.previous !== false) {
    const p = previousPeriod(period, now);
    previous = await leaderPeriod(store, email, p.period, p.now, p.label, ctx);
  }
  const department =
    options.department !== undefined
      ? options.department
      : ((await queryOrgAsOf(store.db, current.report.asOf)).find(
          (p) => p.personId === current.report.leader.personId,
        )?.department ?? null);
  return toLeaderReview(current, previous, department, ctx);
}
