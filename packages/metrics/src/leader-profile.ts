import type { Bands } from './band';
import type { DirectionCounts } from './direction-counts';
import { DEFAULT_MAX_INTERVAL_WIDTH } from './interval-band';
import {
  type CorrectionSet,
  type LeaderEstimates,
  leaderEstimates,
  type SourceDirectionCounts,
  totalOverSources,
} from './leader-estimates';
import { type LeaderMetrics, leaderMetrics } from './leader-metrics';
import type { TeamGroupRule } from './min-group-size';
import { DEFAULT_MIN_VOLUME } from './push-share';

/** What a leader profile is computed with: the metric settings and the classifier's corrections. */
export interface LeaderProfileSettings extends TeamGroupRule {
  /** Minimum volume of every ratio (default DEFAULT_MIN_VOLUME). */
  minVolume?: number;
  /** The widest interval still rated (default DEFAULT_MAX_INTERVAL_WIDTH). */
  maxIntervalWidth?: number;
  /** Target bands; missing directions use DEFAULT_BANDS. */
  bands?: Partial<Bands>;
  /** Per event source; a source without one is taken as labelled right (identity). */
  corrections?: CorrectionSet;
}

/**
 * The leader profile of one person and period — what `analytics.leader_profile` holds per row, and
 * what the CLI's review and the dashboard's leader page show.
 */
export interface LeaderProfile {
  /** The leader's own counts, summed over sources. */
  counts: DirectionCounts;
  /** The figures as labelled (no correction): ratios, push-only, bands on the point, team median. */
  raw: LeaderMetrics;
  /**
   * The figures corrected per source, with 90% intervals; bands on the intervals; the team estimate.
   * `corrected.rule` says what "rated" means (`isRated`).
   */
  corrected: LeaderEstimates;
}

/**
 * The one definition of a leader's profile: from the leader's counts per source and each direct
 * report's, the uncorrected figures (`leaderMetrics`, team = median of the reports' own upward
 * proactivity) and the corrected ones (`leaderEstimates`, team = median of the rated reports'
 * estimates), both under the group rule of `teamWithheld` (`settings.minGroupSize`, default 5 people with
 * data; `settings.reportsShownAlone`, the sub-leaders). The analytics view `leader_profile` computes the same in SQL; the analytics contract
 * holds them equal.
 *
 * @example
 * const p = leaderProfile(bySource, reportsBySource, { minVolume: 5, corrections });
 * p.raw.upwardProactivity; p.corrected.upwardProactivity.low; p.corrected.team.value
 */
export function leaderProfile(
  own: SourceDirectionCounts,
  reports: readonly SourceDirectionCounts[],
  settings: LeaderProfileSettings = {},
): LeaderProfile {
  const minVolume = settings.minVolume ?? DEFAULT_MIN_VOLUME;
  const rule = { minVolume, maxIntervalWidth: settings.maxIntervalWidth ?? DEFAULT_MAX_INTERVAL_WIDTH };
  const counts = totalOverSources(own);
  const group: TeamGroupRule = {
    ...(settings.minGroupSize !== undefined ? { minGroupSize: settings.minGroupSize } : {}),
    ...(settings.reportsShownAlone ? { reportsShownAlone: settings.reportsShownAlone } : {}),
  };
  return {
    counts,
    raw: leaderMetrics(counts, {
      minVolume,
      ...(settings.bands ? { bands: settings.bands } : {}),
      reports: reports.map(totalOverSources),
      ...group,
    }),
    corrected: leaderEstimates(own, {
      corrections: settings.corrections ?? {},
      ...rule,
      ...(settings.bands ? { bands: settings.bands } : {}),
      reports,
      ...group,
    }),
  };
}
