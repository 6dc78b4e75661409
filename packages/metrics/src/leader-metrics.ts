import { type Band, type Bands, band } from './band';
import { COUNT_KEYS, type CountKey, type DirectionCounts } from './direction-counts';
import type { TeamGroupRule } from './min-group-size';
import { resolveBands } from './parse-bands';
import { downwardPullShare, externalPullShare } from './pull-share';
import { pushOnly } from './push-only';
import { DEFAULT_MIN_VOLUME, pushShare } from './push-share';
import { teamUpwardProactivity } from './team-upward-proactivity';
import { upwardProactivity } from './upward-proactivity';

/** Options of `leaderMetrics`. */
export interface LeaderMetricsOptions extends TeamGroupRule {
  /** Minimum volume of every ratio (default DEFAULT_MIN_VOLUME). */
  minVolume?: number;
  /** Target bands; missing directions use DEFAULT_BANDS. */
  bands?: Partial<Bands>;
  /** The counts of the leader's direct reports in the same period, for team upward proactivity. */
  reports?: readonly DirectionCounts[];
}

/** The PRODUCT.md ratios of one person and period. Every ratio is null below the minimum volume. */
export interface LeaderMetrics {
  /** push / (push + pull) per direction. */
  pushShare: Record<CountKey, number | null>;
  /** push + pull per direction: the volume behind each push share. */
  volume: Record<CountKey, number>;
  upwardProactivity: number | null;
  downwardPullShare: number | null;
  externalPullShare: number | null;
  pushOnly: boolean;
  /**
   * Median upward proactivity of the direct reports (team culture); null without `reports` or data, or
   * withheld by the group rule (`groupWithheld`).
   */
  teamUpwardProactivity: number | null;
  /** The balance profile: each direction's push share against its band. */
  bands: { up: Band; down: Band; peer: Band; external: Band };
  /** The minimum volume these figures were computed with. */
  minVolume: number;
}

/**
 * Every metric of one person (leader) and period from their counts per direction.
 *
 * @example
 * const m = leaderMetrics({ down: { push: 9, pull: 1, neutral: 2, proactivePush: 9, responsivePush: 0 } });
 * m.pushShare.down;   // 0.9
 * m.bands.down;       // 'too pushy'
 * m.bands.up;         // 'not enough data'
 */
export function leaderMetrics(counts: DirectionCounts, options: LeaderMetricsOptions = {}): LeaderMetrics {
  const minVolume = options.minVolume ?? DEFAULT_MIN_VOLUME;
  const bands: Bands = resolveBands(options.bands);
  const shares = {} as Record<CountKey, number | null>;
  const volume = {} as Record<CountKey, number>;
  for (const key of COUNT_KEYS) {
    const c = counts[key];
    shares[key] = pushShare(c, minVolume);
    volume[key] = (c?.push ?? 0) + (c?.pull ?? 0);
  }
  return {
    pushShare: shares,
    volume,
    upwardProactivity: upwardProactivity(counts, minVolume),
    downwardPullShare: downwardPullShare(counts, minVolume),
    externalPullShare: externalPullShare(counts, minVolume),
    pushOnly: pushOnly(counts, minVolume),
    teamUpwardProactivity: teamUpwardProactivity(options.reports ?? [], minVolume, {
      ...(options.minGroupSize !== undefined ? { minGroupSize: options.minGroupSize } : {}),
      ...(options.reportsShownAlone ? { reportsShownAlone: options.reportsShownAlone } : {}),
    }),
    bands: {
      up: band(shares.up, bands.up),
      down: band(shares.down, bands.down),
      peer: band(shares.peer, bands.peer),
      external: band(shares.external, bands.external),
    },
    minVolume,
  };
}
