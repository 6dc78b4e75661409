import {
  type Band,
  type CorrectionSet,
  DEFAULT_MAX_INTERVAL_WIDTH,
  type DirectionCounts,
  describeCertainty,
  isRated,
  type LeaderEstimates,
  leaderEstimates,
  mergeDirectionCounts,
  pushShareEstimate,
  type RatingRule,
  type RatioEstimate,
  type TeamEstimate,
  type TeamGroupRule,
} from '@pushpull/metrics';
import type { BandName, ShownRatio } from '@pushpull/report-render';
import { classifierCorrections } from '@pushpull/runtime';
import type { MetricSettings, SourceCounts } from '@pushpull/store';

/** Counts of one person (and period, or week) per event source, each per direction. */
export type CountsBySource = Record<string, DirectionCounts>;

/** What the review's figures are computed with: the metric settings and the classifier's corrections. */
export interface FigureContext {
  rule: RatingRule;
  bands: MetricSettings['bands'];
  corrections: CorrectionSet;
}

/**
 * The figure context of the stored metric settings: minimum volume, widest interval (the setting when
 * the store has one, else DEFAULT_MAX_INTERVAL_WIDTH), bands, and the classifier's corrections.
 *
 * @example const ctx = figureContext(await readMetricSettings(store.db));
 */
export function figureContext(
  settings: MetricSettings,
  corrections: CorrectionSet = classifierCorrections().corrections,
): FigureContext {
  const width = (settings as MetricSettings & { maxIntervalWidth?: number }).maxIntervalWidth;
  return {
    rule: { minVolume: settings.minVolume, maxIntervalWidth: width ?? DEFAULT_MAX_INTERVAL_WIDTH },
    bands: settings.bands,
    corrections,
  };
}

/**
 * An estimate as the review shows it: rated by the rule (volume and interval width), with how sure it
 * is in plain words.
 *
 * @example shownEstimate(e.upwardProactivity, ctx.rule).rated
 */
export function shownEstimate(e: RatioEstimate, rule: RatingRule): ShownRatio {
  return {
    raw: e.raw,
    corrected: e.corrected,
    low: e.low,
    high: e.high,
    volume: e.volume,
    level: e.level,
    rated: isRated(e, rule),
    certainty: describeCertainty(e, rule),
  };
}

/**
 * A week's estimate on a trend chart: plotted from the minimum volume on, with its interval as the
 * band around the line (as the dashboard's weekly trend; a week's interval is wide by nature, so the
 * width rule that rates a period's figure does not hide it).
 */
export function shownWeek(e: RatioEstimate, rule: RatingRule): ShownRatio {
  return {
    ...shownEstimate(e, rule),
    rated: e.corrected !== null && e.volume > 0 && e.volume >= rule.minVolume,
  };
}

/**
 * Team culture as the review shows it: the median of the reports' corrected figures, with the medians
 * of their interval ends as an approximate interval; `raw` is the median of the reports' raw figures.
 */
export function shownTeam(t: TeamEstimate, raw: number | null, level: number): ShownRatio {
  const rated = t.value !== null;
  return {
    raw,
    corrected: t.value,
    low: t.low,
    high: t.high,
    volume: t.membersWithData,
    level: rated ? level : null,
    rated,
    certainty: rated
      ? `Median of ${t.membersWithData} report${t.membersWithData === 1 ? '' : 's'} with a rated figure; the interval is the median of their intervals' ends (approximate).`
      : t.withheld
        ? `Withheld: ${t.withheld} (${t.membersWithData} of the reports present for the whole period have a rated figure), so that no one person can be read from it.`
        : 'Not enough data: no direct report has a rated upward proactivity.',
  };
}

/** Leader estimates in the review's terms. */
export interface ShownLeaderFigures {
  pushShare: (direction: string) => ShownRatio;
  upwardProactivity: ShownRatio;
  downwardPullShare: ShownRatio;
  externalPullShare: ShownRatio;
  team: ShownRatio;
  bands: { up: BandName; down: BandName; peer: BandName; external: BandName };
  pushOnly: boolean;
  estimates: LeaderEstimates;
}

/**
 * Every ratio of one person and period from their counts per source, corrected with the classifier's
 * confusion and with 90% intervals (`leaderEstimates`), in the review's terms. `reports` are the
 * direct reports' counts per source (team culture, under the group rule `group`: which reports are
 * sub-leaders); `teamRaw` the uncorrected team median.
 *
 * @example const f = leaderFiguresOf(bySource, reportsBySource, null, ctx, { reportsShownAlone }); f.upwardProactivity.low
 */
export function leaderFiguresOf(
  bySource: CountsBySource,
  reports: readonly CountsBySource[],
  teamRaw: number | null,
  ctx: FigureContext,
  group: TeamGroupRule = {},
): ShownLeaderFigures {
  const e = leaderEstimates(bySource, {
    corrections: ctx.corrections,
    minVolume: ctx.rule.minVolume,
    maxIntervalWidth: ctx.rule.maxIntervalWidth,
    bands: ctx.bands,
    reports,
    ...group,
  });
  return {
    pushShare: (d) => shownEstimate(e.pushShare[d as keyof typeof e.pushShare], ctx.rule),
    upwardProactivity: shownEstimate(e.upwardProactivity, ctx.rule),
    downwardPullShare: shownEstimate(e.downwardPullShare, ctx.rule),
    externalPullShare: shownEstimate(e.externalPullShare, ctx.rule),
    team: shownTeam(e.team, teamRaw, e.upwardProactivity.level),
    bands: e.bands as { up: Band; down: Band; peer: Band; external: Band },
    pushOnly: e.pushOnly,
    estimates: e,
  };
}

/**
 * A week's push share of one direction, corrected, for the trend chart.
 *
 * @example shownWeeklyPushShare(weekBySource, 'up', ctx)
 */
export function shownWeeklyPushShare(
  bySource: CountsBySource,
  direction: string,
  ctx: FigureContext,
): ShownRatio {
  return shownWeek(
    pushShareEstimate(bySource, direction as Parameters<typeof pushShareEstimate>[1], ctx.corrections),
    ctx.rule,
  );
}

/**
 * Groups per-source count rows by person and week (`''` for a whole-range row): person → week → source
 * → counts.
 *
 * @example bySourceOf(await queryCountsBySource(db, ids, range)).get('p:lea@acme.io')?.get('')
 */
export function bySourceOf(rows: readonly SourceCounts[]): Map<string, Map<string, CountsBySource>> {
  const out = new Map<string, Map<string, CountsBySource>>();
  for (const r of rows) {
    const person = out.get(r.personId) ?? new Map<string, CountsBySource>();
    const week = person.get(r.week ?? '') ?? {};
    week[r.source] = mergeDirectionCounts(week[r.source] ?? {}, r.counts as DirectionCounts);
    person.set(r.week ?? '', week);
    out.set(r.personId, person);
  }
  return out;
}

/**
 * Sums weeks of per-source counts into one.
 *
 * @example totalBySource([...weeks.values()])
 */
export function totalBySource(weeks: readonly CountsBySource[]): CountsBySource {
  const out: CountsBySource = {};
  for (const week of weeks) {
    for (const [source, c] of Object.entries(week)) out[source] = mergeDirectionCounts(out[source] ?? {}, c);
  }
  return out;
}
