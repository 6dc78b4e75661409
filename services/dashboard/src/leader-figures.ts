import {
  type Band,
  type CorrectionSet,
  DEFAULT_MAX_INTERVAL_WIDTH,
  type DirectionCounts,
  describeCertainty as describe,
  isRated,
  type LeaderEstimates,
  leaderProfile,
  type RatingRule,
  type RatioEstimate,
} from '@pushpull/metrics';

export { DEFAULT_MAX_INTERVAL_WIDTH, intervalsOverlap, type RatioEstimate } from '@pushpull/metrics';

/** An estimate and whether it is a figure (`rated`) or "not enough data" (too few events, too wide). */
export interface RatioFigure extends RatioEstimate {
  rated: boolean;
}

/** The ratios the dashboard shows per leader, by key. */
export const FIGURE_KEYS = [
  'upwardProactivity',
  'downwardPullShare',
  'externalPullShare',
  'pushShareUp',
  'pushShareDown',
  'pushSharePeer',
  'pushShareExternal',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

const BAND_DIRECTIONS = ['up', 'down', 'peer', 'external'] as const;
type BandDirection = (typeof BAND_DIRECTIONS)[number];

/** What the figures are computed with: the metric settings and the classifier's corrections. */
export interface FigureSettings {
  minVolume: number;
  /** The widest interval still shown as a figure (default DEFAULT_MAX_INTERVAL_WIDTH, 0.30). */
  maxIntervalWidth?: number;
  bands: Record<BandDirection, readonly [number, number]>;
  /** Per event source; a source without one is taken as labelled right. */
  corrections?: CorrectionSet;
}

/** Every ratio of one leader and period, with intervals; bands decided on the intervals. */
export interface LeaderFigures {
  figures: Record<FigureKey, RatioFigure>;
  bands: Record<BandDirection, Band>;
  pushOnly: boolean;
}

/** How the figures were estimated, said on every page that shows them. */
export interface EstimationNote {
  /** True when counts are corrected for the classifier's published confusion per source. */
  corrected: boolean;
  level: number;
  text: string;
}

/** How the dashboard's figures are estimated (with the classifier's corrections). */
export const ESTIMATION: EstimationNote = {
  corrected: true,
  level: 0.9,
  text:
    'Every share is corrected for the classifier’s known errors on each source (its published ' +
    'confusion on labelled real text: Outlook as email, Slack as chat, GitHub) and shown with a 90% ' +
    'interval that counts both the number of events and the uncertainty of those error rates. ' +
    'A share is “not enough data” below the minimum volume or when its interval is wider than the ' +
    'maximum width. The share as labelled, before correction, is in each figure’s tooltip.',
};

/** The rating rule of the settings: minimum volume and widest interval. */
export function ratingRule(settings: FigureSettings): RatingRule {
  return {
    minVolume: settings.minVolume,
    maxIntervalWidth: settings.maxIntervalWidth ?? DEFAULT_MAX_INTERVAL_WIDTH,
  };
}

/**
 * The dashboard's figures of a leader profile's corrected part: every ratio rated (a number rather
 * than "not enough data") by the profile's rule — at least `minVolume` events and an interval no wider
 * than `maxIntervalWidth` — and the bands decided on the intervals.
 *
 * @example const f = figuresOf(leaderProfile(bySource, reports, settings).corrected); f.figures.upwardProactivity.rated
 */
export function figuresOf(e: LeaderEstimates): LeaderFigures {
  const rate = (x: RatioEstimate): RatioFigure => ({ ...x, rated: isRated(x, e.rule) });
  return {
    figures: {
      upwardProactivity: rate(e.upwardProactivity),
      downwardPullShare: rate(e.downwardPullShare),
      externalPullShare: rate(e.externalPullShare),
      pushShareUp: rate(e.pushShare.up),
      pushShareDown: rate(e.pushShare.down),
      pushSharePeer: rate(e.pushShare.peer),
      pushShareExternal: rate(e.pushShare.external),
    },
    bands: e.bands,
    pushOnly: e.pushOnly,
  };
}

/**
 * Every ratio of one leader from their counts per event source: the figures of their leader profile
 * (`leaderProfile` of `@pushpull/metrics`: each source corrected with its own confusion, 90%
 * intervals), without the team.
 *
 * @example
 * const f = leaderFigures({ slack: { down: { push: 30, pull: 10, neutral: 0, proactivePush: 0, responsivePush: 0 } } }, settings);
 * f.figures.pushShareDown // { raw: 0.75, corrected: …, low: …, high: …, volume: 40, level: 0.9, rated: … }
 */
export function leaderFigures(
  bySource: Readonly<Record<string, DirectionCounts>>,
  settings: FigureSettings,
): LeaderFigures {
  return figuresOf(leaderProfile(bySource, [], { ...settings, ...ratingRule(settings) }).corrected);
}

/**
 * How sure a figure is, in plain words (`describeCertainty` of `@pushpull/metrics`).
 *
 * @example describeCertainty(figure, settings) // 'Between 58% and 83% (90% sure); best estimate 72% from 40 events (…).'
 */
export function describeCertainty(f: RatioEstimate, settings: FigureSettings): string {
  return describe(f, ratingRule(settings));
}
