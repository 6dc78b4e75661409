import { type Band, type Bands, DEFAULT_BANDS } from './band';
import {
  COUNT_KEYS,
  type CountKey,
  type DirectionCounts,
  type ModeCounts,
  mergeDirectionCounts,
} from './direction-counts';
import {
  bandOfInterval,
  complementOf,
  DEFAULT_MAX_INTERVAL_WIDTH,
  isRated,
  type RatingRule,
} from './interval-band';
import { identityCorrection, type LabelCorrection } from './label-correction';
import { median } from './median';
import { type TeamGroupRule, teamWithheld } from './min-group-size';
import { PUSH_ONLY_THRESHOLD } from './push-only';
import { DEFAULT_MIN_VOLUME } from './push-share';
import { DEFAULT_INTERVAL_LEVEL, estimateRatio, type RatioEstimate, type Stratum } from './ratio-estimate';

/** The mode classes, in the order of every mode confusion matrix and correction. */
export const MODE_LABELS = ['push', 'pull', 'neutral'] as const;
/** The initiative classes (of pushes), in the order of every initiative confusion matrix and correction. */
export const INITIATIVE_LABELS = ['responsive', 'proactive'] as const;

/** The corrections of one event source (e.g. `outlook`): for the mode, and for the initiative of pushes. */
export interface SourceCorrection {
  mode: LabelCorrection;
  initiative: LabelCorrection;
}

/** Corrections per event source. A source without one is taken as labelled right (identity). */
export type CorrectionSet = Readonly<Record<string, SourceCorrection>>;

/** Counts per event source (e.g. `{ github: {...}, slack: {...} }`), each per direction. */
export type SourceDirectionCounts = Readonly<Record<string, DirectionCounts>>;

const IDENTITY: SourceCorrection = {
  mode: identityCorrection(MODE_LABELS),
  initiative: identityCorrection(INITIATIVE_LABELS),
};

/**
 * The push share of one direction, corrected per source, with its interval.
 *
 * @example pushShareEstimate({ slack: { down: counts } }, 'down', corrections).corrected
 */
export function pushShareEstimate(
  bySource: SourceDirectionCounts,
  key: CountKey,
  corrections: CorrectionSet = {},
  level: number = DEFAULT_INTERVAL_LEVEL,
): RatioEstimate {
  const strata: Stratum[] = Object.entries(bySource).flatMap(([source, counts]) => {
    const c = counts[key];
    return c
      ? [{ observed: [c.push, c.pull, c.neutral], correction: (corrections[source] ?? IDENTITY).mode }]
      : [];
  });
  return estimateRatio(strata, { numerator: ['push'], denominator: ['push', 'pull'] }, level);
}

/**
 * Upward proactivity (proactive pushes up / pushes up), corrected per source for the initiative's
 * confusion among pushes, with its interval.
 *
 * @example upwardProactivityEstimate({ outlook: { up: counts } }, corrections).low
 */
export function upwardProactivityEstimate(
  bySource: SourceDirectionCounts,
  corrections: CorrectionSet = {},
  level: number = DEFAULT_INTERVAL_LEVEL,
): RatioEstimate {
  const strata: Stratum[] = Object.entries(bySource).flatMap(([source, counts]) => {
    const c: ModeCounts | undefined = counts.up;
    return c
      ? [
          {
            observed: [c.responsivePush, c.proactivePush],
            correction: (corrections[source] ?? IDENTITY).initiative,
          },
        ]
      : [];
  });
  return estimateRatio(strata, { numerator: ['proactive'], denominator: ['responsive', 'proactive'] }, level);
}

/** Team culture with its uncertainty: the median of the reports' figures and of their interval ends. */
export interface TeamEstimate {
  /** Median corrected upward proactivity of the reports with a rated figure; null when none has. */
  value: number | null;
  /** Median of the same reports' interval lows and highs: an approximate interval of the median. */
  low: number | null;
  high: number | null;
  membersWithData: number;
  /**
   * Why the figure is withheld although reports have data (`groupWithheld`: fewer than the minimum group
   * size with data, or too few besides the sub-leaders shown on their own), else null.
   */
  withheld: string | null;
}

/** Options of `leaderEstimates`. */
export interface LeaderEstimateOptions extends TeamGroupRule {
  corrections?: CorrectionSet;
  minVolume?: number;
  maxIntervalWidth?: number;
  bands?: Partial<Bands>;
  level?: number;
  /** Each direct report's counts per source, for the team figure. */
  reports?: readonly SourceDirectionCounts[];
}

/** Every PRODUCT.md ratio of one person and period, corrected, with intervals; bands decided on them. */
export interface LeaderEstimates {
  pushShare: Record<CountKey, RatioEstimate>;
  upwardProactivity: RatioEstimate;
  downwardPullShare: RatioEstimate;
  externalPullShare: RatioEstimate;
  team: TeamEstimate;
  /** Corrected push share above PUSH_ONLY_THRESHOLD in every rated direction (at least two rated). */
  pushOnly: boolean;
  bands: { up: Band; down: Band; peer: Band; external: Band };
  /** What "rated" meant for these figures. */
  rule: RatingRule;
}

/**
 * The leader figures with uncertainty, from counts per source (each source corrected with its own
 * confusion). A figure is "not enough data" below `minVolume` events or when its interval is wider
 * than `maxIntervalWidth`; bands are decided on the interval (see `bandOfInterval`).
 *
 * @example
 * const e = leaderEstimates({ slack: { down: { push: 30, pull: 10, neutral: 4, proactivePush: 20, responsivePush: 10 } } });
 * e.pushShare.down.corrected // 0.75 (no corrections given: identity)
 */
export function leaderEstimates(
  bySource: SourceDirectionCounts,
  options: LeaderEstimateOptions = {},
): LeaderEstimates {
  const corrections = options.corrections ?? {};
  const level = options.level ?? DEFAULT_INTERVAL_LEVEL;
  const rule: RatingRule = {
    minVolume: options.minVolume ?? DEFAULT_MIN_VOLUME,
    maxIntervalWidth: options.maxIntervalWidth ?? DEFAULT_MAX_INTERVAL_WIDTH,
  };
  const bands: Bands = { ...DEFAULT_BANDS, ...options.bands };
  const pushShare = {} as Record<CountKey, RatioEstimate>;
  for (const key of COUNT_KEYS) pushShare[key] = pushShareEstimate(bySource, key, corrections, level);
  const rated = (['up', 'down', 'peer', 'lateral', 'external'] as const)
    .map((k) => pushShare[k])
    .filter((e) => isRated(e, rule));
  const team = teamEstimate(
    (options.reports ?? []).map((r) => upwardProactivityEstimate(r, corrections, level)),
    rule,
    options,
  );
  return {
    pushShare,
    upwardProactivity: upwardProactivityEstimate(bySource, corrections, level),
    downwardPullShare: complementOf(pushShare.down),
    externalPullShare: complementOf(pushShare.external),
    team,
    pushOnly: rated.length >= 2 && rated.every((e) => (e.corrected ?? 0) > PUSH_ONLY_THRESHOLD),
    bands: {
      up: bandOfInterval(pushShare.up, bands.up, rule),
      down: bandOfInterval(pushShare.down, bands.down, rule),
      peer: bandOfInterval(pushShare.peer, bands.peer, rule),
      external: bandOfInterval(pushShare.external, bands.external, rule),
    },
    rule,
  };
}

/**
 * Team culture from the reports' upward-proactivity estimates: the median of the rated ones, with the
 * medians of their interval ends; withheld (null, `withheld` saying why) under the group rule
 * (`teamWithheld`: by default fewer than 5 rated reports, or 1 to 4 besides the sub-leaders shown alone).
 *
 * @example teamEstimate(reports.map((r) => upwardProactivityEstimate(r, corrections)), rule).value
 */
export function teamEstimate(
  reports: readonly RatioEstimate[],
  rule: RatingRule,
  group: TeamGroupRule = {},
): TeamEstimate {
  const ratedAt = reports.flatMap((e, i) => (isRated(e, rule) ? [i] : []));
  const rated = ratedAt.map((i) => reports[i] as RatioEstimate);
  const values = (pick: (e: RatioEstimate) => number | null) =>
    rated.map(pick).filter((x): x is number => x !== null);
  if (rated.length === 0) return { value: null, low: null, high: null, membersWithData: 0, withheld: null };
  const withheld = teamWithheld(ratedAt, group);
  if (withheld) return { value: null, low: null, high: null, membersWithData: rated.length, withheld };
  return {
    withheld: null,
    value: median(values((e) => e.corrected)),
    low: median(values((e) => e.low)),
    high: median(values((e) => e.high)),
    membersWithData: rated.length,
  };
}

/**
 * Sums counts per source into counts per direction (what the uncorrected figures use).
 *
 * @example totalOverSources({ slack: { up: a }, github: { up: b } }).up // a + b
 */
export function totalOverSources(bySource: SourceDirectionCounts): DirectionCounts {
  return mergeDirectionCounts(...Object.values(bySource));
}
