/**
 * What a review pack shows, as plain data: the renderers take these and return HTML. Every figure is a
 * count, a ratio or a label; there is no field for message text, so a pack cannot show any.
 */

/**
 * A ratio as a review shows it, in the shape of `@pushpull/metrics`' `RatioEstimate`: the share as the
 * classifier labelled it (`raw`), the share corrected for the classifier's known confusion
 * (`corrected`), its interval (`low`–`high`, `level` e.g. 0.9) and the events behind it (`volume`).
 * Null figures mean "nothing to compute from". Before corrections exist, `corrected`, `low` and `high`
 * are null and `raw` is shown.
 */
export interface ShownRatio {
  raw: number | null;
  corrected: number | null;
  low: number | null;
  high: number | null;
  volume: number;
  /** The interval's coverage (0.9 for a 90% interval); null when there is no interval. */
  level: number | null;
  /** False: shown as "not enough data" (too few events, or an interval wider than the setting), never a number. */
  rated: boolean;
  /** How sure the figure is, in plain words (metrics' `describeCertainty`); null when not said. */
  certainty: string | null;
}

/** Where a push share stands against its target band. */
export type BandName = 'in band' | 'too pushy' | 'too pully' | 'not enough data';

/** A period of a review: its label (`2026-Q3`) and its dates (`to` excluded). */
export interface ReviewPeriod {
  label: string;
  from: string;
  to: string;
}

/** One direction of the balance profile. */
export interface DirectionRow {
  direction: string;
  push: number;
  pull: number;
  neutral: number;
  pushShare: ShownRatio;
  /** Null for directions without a target band (lateral, unknown, broadcast, none). */
  band: BandName | null;
  target: readonly [number, number] | null;
  /** The same direction in the previous period; null when there is no previous period. */
  previous: { pushShare: ShownRatio; band: BandName | null } | null;
}

/** A key figure (a ratio) with the previous period's value beside it. */
export interface RatioRow {
  key: string;
  label: string;
  value: ShownRatio;
  /** What the volume counts, e.g. "pushes up". */
  volumeOf: string;
  previous: ShownRatio | null;
}

/** A figure that is not a ratio (a count, a time, a yes/no), already written out. */
export interface FactRow {
  label: string;
  value: string;
  previous: string | null;
}

/** One line of a weekly chart; `points[i]` belongs to `weeks[i]`. */
export interface WeeklySeries {
  name: string;
  points: readonly ShownRatio[];
}

/** A leader's quarterly review. */
export interface LeaderReview {
  leader: { name: string | null; email: string; department: string | null };
  period: ReviewPeriod;
  previous: ReviewPeriod | null;
  /** The org chart date the team is taken from. */
  asOf: string;
  minVolume: number;
  directions: readonly DirectionRow[];
  ratios: readonly RatioRow[];
  facts: readonly FactRow[];
  team: {
    reports: number;
    reportsWithData: number;
    upwardProactivity: ShownRatio;
    previousUpwardProactivity: ShownRatio | null;
    /** e.g. "rising (+0.12 over the period)". */
    trend: string;
    facts: readonly FactRow[];
  };
  /** Mondays (`YYYY-MM-DD`) of the period's weeks. */
  weeks: readonly string[];
  /** Weekly push share per direction (the dashboard's leader chart). */
  weeklyPushShare: readonly WeeklySeries[];
  /** Weekly median upward proactivity of the direct reports (the dashboard's team culture chart). */
  weeklyTeam: readonly WeeklySeries[];
  /** e.g. "Downward pull share: flat. Upward proactivity: rising (+0.10 over the period)." */
  trendText: string;
  sources: readonly { source: string; push: number; pull: number; neutral: number }[];
  /** Rule ids behind the labels, as counts. */
  reasons: readonly { mode: string; reason: string; events: number }[];
}

/** A leader's figures in one period (see OrgLeaderRow). */
export interface OrgLeaderFigures {
  upwardProactivity: ShownRatio;
  downwardPullShare: ShownRatio;
  externalPullShare: ShownRatio;
  teamUpwardProactivity: ShownRatio;
  bands: { up: BandName; down: BandName };
  pushOnly: boolean;
}

/** One leader on the org page. */
export interface OrgLeaderRow extends OrgLeaderFigures {
  name: string | null;
  email: string;
  department: string | null;
  reports: number;
  /** Outside Tukey's fences on either axis of the scatter (as on the dashboard's overview). */
  outlier: boolean;
  /** The same figures in the previous period; null when there is no previous period. */
  previous: OrgLeaderFigures | null;
}

/** One department's roll-up: its leaders' events pooled. */
export interface DepartmentRow {
  department: string;
  leaders: number;
  upwardProactivity: ShownRatio;
  downwardPullShare: ShownRatio;
  externalPullShare: ShownRatio;
  /** Leaders whose downward push share is in band, of those with enough data. */
  inBandDown: { inBand: number; rated: number };
  pushOnly: number;
  previous: {
    upwardProactivity: ShownRatio;
    downwardPullShare: ShownRatio;
    externalPullShare: ShownRatio;
    inBandDown: { inBand: number; rated: number };
    pushOnly: number;
  } | null;
}

/** Every leader of the organisation on one page, with department roll-ups and the previous period. */
export interface OrgReview {
  period: ReviewPeriod;
  previous: ReviewPeriod | null;
  asOf: string;
  minVolume: number;
  /** The target band of downward pull share (1 − the down push-share band). */
  downwardPullShareBand: readonly [number, number];
  leaders: readonly OrgLeaderRow[];
  departments: readonly DepartmentRow[];
}
