import { leaderMetrics } from '@pushpull/metrics';
import { queryLeaderCounts, readMetricSettings, type Store } from '@pushpull/store';
import type { PeriodWindow } from './period-window';
import type { Pseudonymiser } from './pseudonym';
import { fences } from './summary-stats';

/** One leader on the org overview. `id` is the person id, or a pseudonym for analysts. */
export interface OverviewLeader {
  id: string;
  name: string;
  /** True when `id`/`name` are pseudonyms. */
  pseudonymised: boolean;
  reports: number;
  upwardProactivity: number | null;
  /** Pushes up: the volume behind upward proactivity. */
  upwardVolume: number;
  downwardPullShare: number | null;
  /** Pushes + pulls down: the volume behind downward pull share. */
  downwardVolume: number;
  bandDown: string;
  pushOnly: boolean;
  /** Outside Tukey's fences on either axis (among leaders with both figures). */
  outlier: boolean;
}

/** The org overview: every leader on upward proactivity × downward pull share, bands, outliers, push-only. */
export interface OverviewReport {
  period: { name: string; from: string; to: string };
  minVolume: number;
  /** The target band of downward pull share (1 − the down push-share band). */
  downwardPullShareBand: [number, number];
  leaders: OverviewLeader[];
  /** Leaders flagged push-only, by volume. */
  pushOnly: { id: string; name: string; volume: number }[];
  outliers: {
    id: string;
    name: string;
    upwardProactivity: number | null;
    downwardPullShare: number | null;
  }[];
}

/**
 * The org overview for a period. With `alias` (analysts) every leader is shown by pseudonym.
 *
 * @example const report = await overviewReport(store, periodWindow('2026-Q3', new Date()), null);
 */
export async function overviewReport(
  store: Store,
  window: PeriodWindow,
  alias: Pseudonymiser | null,
): Promise<OverviewReport> {
  const rows = await queryLeaderCounts(store.db, { ...window.range, asOf: window.asOf });
  const settings = await readMetricSettings(store.db);
  const leaders: OverviewLeader[] = rows.map((r) => {
    const m = leaderMetrics(r.counts, settings);
    const down = r.counts.down;
    return {
      id: alias ? alias(r.personId) : r.personId,
      name: alias ? alias(r.personId) : (r.name ?? r.email),
      pseudonymised: alias !== null,
      reports: r.reports,
      upwardProactivity: m.upwardProactivity,
      upwardVolume: r.counts.up?.push ?? 0,
      downwardPullShare: m.downwardPullShare,
      downwardVolume: (down?.push ?? 0) + (down?.pull ?? 0),
      bandDown: m.bands.down,
      pushOnly: m.pushOnly,
      outlier: false,
    };
  });
  const placed = leaders.filter((l) => l.upwardProactivity !== null && l.downwardPullShare !== null);
  const fx = fences(placed.map((l) => l.upwardProactivity!));
  const fy = fences(placed.map((l) => l.downwardPullShare!));
  for (const l of placed) {
    const x = l.upwardProactivity!;
    const y = l.downwardPullShare!;
    l.outlier = Boolean((fx && (x < fx[0] || x > fx[1])) || (fy && (y < fy[0] || y > fy[1])));
  }
  if (alias) leaders.sort((a, b) => a.id.localeCompare(b.id));
  const [low, high] = settings.bands.down;
  return {
    period: { name: window.period, from: window.range.from, to: window.range.to },
    minVolume: settings.minVolume,
    downwardPullShareBand: [round(1 - high), round(1 - low)],
    leaders,
    pushOnly: leaders
      .filter((l) => l.pushOnly)
      .map((l) => {
        const row = rows.find((r) => (alias ? alias(r.personId) : r.personId) === l.id);
        const volume = Object.values(row?.counts ?? {}).reduce((s, c) => s + c.push + c.pull, 0);
        return { id: l.id, name: l.name, volume };
      })
      .sort((a, b) => b.volume - a.volume),
    outliers: leaders
      .filter((l) => l.outlier)
      .map((l) => ({
        id: l.id,
        name: l.name,
        upwardProactivity: l.upwardProactivity,
        downwardPullShare: l.downwardPullShare,
      })),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
