import {
  type DirectionCounts,
  groupSourceCounts,
  mergeDirectionCounts,
  tukeyFences,
} from '@pushpull/metrics';
import { classifierCorrections } from '@pushpull/runtime';
import { type Pseudonymiser, queryCountsBySource, readMetricSettings, type Store } from '@pushpull/store';
import {
  ESTIMATION,
  type EstimationNote,
  type FigureKey,
  type LeaderFigures,
  leaderFigures,
  type RatioFigure,
  ratingRule,
} from './leader-figures';
import { tiers } from './leader-tiers';
import { type HistogramBin, histogramBins } from './metric-histogram';
import type { OrgIndex } from './org-index';
import { OVERVIEW_METRICS } from './overview-metrics';
import type { OverviewFilters } from './overview-query';
import type { PeriodWindow } from './period-window';

/** One leader on the org overview. `id` is the person id, or a pseudonym for analysts. */
export interface OverviewLeader {
  id: string;
  name: string;
  /** True when `id`/`name` are pseudonyms. */
  pseudonymised: boolean;
  reports: number;
  /** The org chart's department; null when unknown or withheld (a group below the minimum size). */
  department: string | null;
  /** Managers above the leader (0 = top); null when withheld (a level below the minimum size). */
  level: number | null;
  /** Upward proactivity as shown: the corrected estimate when rated, else null ("not enough data"). */
  upwardProactivity: number | null;
  /** Events behind upward proactivity (pushes up with an initiative). */
  upwardVolume: number;
  /** Downward pull share as shown: the corrected estimate when rated, else null. */
  downwardPullShare: number | null;
  /** Pushes + pulls down: the volume behind downward pull share. */
  downwardVolume: number;
  bandDown: string;
  pushOnly: boolean;
  /** The whole interval lies outside Tukey's fences on either axis (among rated leaders). */
  outlier: boolean;
  /** Every ratio with its estimate (raw, corrected, 90% interval, volume) and whether it is rated. */
  figures: Record<FigureKey, RatioFigure>;
}

/** A department or level the overview can be filtered by, with its number of leaders. */
export interface GroupOption<V> {
  value: V;
  leaders: number;
  /** True for non-admins when the group has fewer leaders than the minimum group size. */
  hidden: boolean;
}

/** The distribution of one metric across the selected leaders. */
export interface MetricDistribution {
  key: FigureKey;
  label: string;
  /** The target band, shaded on the histogram; null when the metric has none. */
  band: [number, number] | null;
  /** Empty when hidden. */
  bins: HistogramBin[];
  /** Leaders with a rated figure (in the bins). */
  leaders: number;
  /** Selected leaders without enough data for this metric (not in the bins). */
  withoutData: number;
  /** Why the distribution is withheld, or null. */
  hidden: string | null;
}

/** The leaders in tiers of one metric: no two leaders with overlapping intervals in different tiers. */
export interface MetricTiers {
  key: FigureKey;
  label: string;
  tiers: { tier: number; ids: string[]; low: number; high: number }[];
  /** Leaders without a rated figure: not placed. */
  unplaced: string[];
}

/** The org overview: every selected leader with intervals, distributions, tiers, outliers, push-only. */
export interface OverviewReport {
  period: { name: string; from: string; to: string };
  minVolume: number;
  maxIntervalWidth: number;
  estimation: EstimationNote;
  /** The target band of downward pull share (1 − the down push-share band). */
  downwardPullShareBand: [number, number];
  filters: OverviewFilters;
  minGroupSize: number;
  groups: { departments: GroupOption<string>[]; levels: GroupOption<number>[] };
  /** Why the selection is withheld (a group below the minimum size, for non-admins), or null. */
  hidden: string | null;
  leaders: OverviewLeader[];
  distributions: MetricDistribution[];
  tiers: MetricTiers[];
  /** Leaders flagged push-only, by volume. */
  pushOnly: { id: string; name: string; volume: number }[];
  outliers: {
    id: string;
    name: string;
    upwardProactivity: number | null;
    downwardPullShare: number | null;
  }[];
}

/** Options of `overviewReport`. */
export interface OverviewOptions {
  /** Pseudonymises every leader (analysts); null shows names (admins). */
  alias: Pseudonymiser | null;
  filters: OverviewFilters;
  /** Admins see groups (departments, levels, distributions) of any size. */
  showSmallGroups: boolean;
  minGroupSize: number;
}

/**
 * The org overview for a period, of the leaders in the org chart as of the period's `asOf` day,
 * filtered by department and level. For non-admins (`showSmallGroups` false) a group with fewer
 * leaders than `minGroupSize` is withheld and says so: a filtered selection that small shows no
 * leaders, a distribution needs that many leaders with data, and a leader's department or level is
 * shown only when that group is large enough.
 *
 * @example const report = await overviewReport(store, org, periodWindow('2026-Q3', new Date()), { alias: null, filters: { department: 'Sales', level: null }, showSmallGroups: true, minGroupSize: 5 });
 */
export async function overviewReport(
  store: Store,
  org: OrgIndex,
  window: PeriodWindow,
  options: OverviewOptions,
): Promise<OverviewReport> {
  const { alias, filters, minGroupSize } = options;
  const all = org.leaders();
  const departmentOf = new Map(all.map((l) => [l.personId, l.department]));
  const levelOf = new Map(all.map((l) => [l.personId, org.level(l.personId)]));
  const small = (leaders: number) => !options.showSmallGroups && leaders < minGroupSize;
  const departments = groupOptions(
    all.map((l) => departmentOf.get(l.personId) ?? null),
    small,
  );
  const levels = groupOptions(
    all.map((l) => levelOf.get(l.personId) ?? null),
    small,
  );
  const departmentShown = new Map(departments.map((g) => [g.value, !small(g.leaders)]));
  const levelShown = new Map(levels.map((g) => [g.value, !small(g.leaders)]));

  const selected = all.filter(
    (l) =>
      (filters.department === null || departmentOf.get(l.personId) === filters.department) &&
      (filters.level === null || levelOf.get(l.personId) === filters.level),
  );
  const filtered = filters.department !== null || filters.level !== null;
  const hidden =
    filtered && small(selected.length)
      ? `this selection has ${selected.length} leader${selected.length === 1 ? '' : 's'}, below the minimum group size of ${minGroupSize}; only admins can see it`
      : null;
  const shown = hidden ? [] : selected;

  const [sourceRows, settings] = await Promise.all([
    queryCountsBySource(
      store.db,
      shown.map((l) => l.personId),
      window.range,
    ),
    readMetricSettings(store.db),
  ]);
  const bySource = groupSourceCounts(sourceRows);
  const figureSettings = { ...settings, corrections: classifierCorrections().corrections };
  const computed: { leader: OverviewLeader; totals: DirectionCounts; f: LeaderFigures }[] = shown.map((l) => {
    const sources = bySource.get(l.personId)?.get('') ?? {};
    const f = leaderFigures(sources, figureSettings);
    const dept = departmentOf.get(l.personId) ?? null;
    const level = levelOf.get(l.personId) ?? null;
    const shownValue = (x: RatioFigure) => (x.rated ? x.corrected : null);
    return {
      f,
      totals: mergeDirectionCounts(...Object.values(sources)),
      leader: {
        id: alias ? alias(l.personId) : l.personId,
        name: alias ? alias(l.personId) : (l.name ?? l.email),
        pseudonymised: alias !== null,
        reports: org.directReports(l.personId).length,
        department: dept !== null && departmentShown.get(dept) ? dept : null,
        level: level !== null && levelShown.get(level) ? level : null,
        upwardProactivity: shownValue(f.figures.upwardProactivity),
        upwardVolume: f.figures.upwardProactivity.volume,
        downwardPullShare: shownValue(f.figures.downwardPullShare),
        downwardVolume: f.figures.downwardPullShare.volume,
        bandDown: f.bands.down,
        pushOnly: f.pushOnly,
        outlier: false,
        figures: f.figures,
      },
    };
  });
  // pseudonyms are listed by pseudonym, so that the order gives away no email
  if (alias) computed.sort((a, b) => a.leader.id.localeCompare(b.leader.id));
  const leaders = computed.map((c) => c.leader);
  markOutliers(leaders);

  const distributions: MetricDistribution[] = OVERVIEW_METRICS.map((m) => {
    const values = leaders.map((l) => l.figures[m.key]).filter((x) => x.rated && x.corrected !== null);
    const withoutData = leaders.length - values.length;
    const tooFew = small(values.length) && !hidden;
    return {
      key: m.key,
      label: m.label,
      band: m.band(settings.bands),
      bins: hidden || tooFew ? [] : histogramBins(values.map((x) => x.corrected!)),
      leaders: hidden ? 0 : values.length,
      withoutData,
      hidden:
        hidden ??
        (tooFew
          ? `${values.length} leader${values.length === 1 ? ' has' : 's have'} enough data, below the minimum group size of ${minGroupSize}; only admins can see this distribution`
          : null),
    };
  });

  const tierLists: MetricTiers[] = OVERVIEW_METRICS.map((m) => {
    const rated = leaders.filter((l) => l.figures[m.key].rated);
    return {
      key: m.key,
      label: m.label,
      tiers: tiers(rated, (l) => l.figures[m.key]).map((t) => ({
        tier: t.tier,
        ids: t.members.map((l) => l.id),
        low: t.low,
        high: t.high,
      })),
      unplaced: leaders.filter((l) => !l.figures[m.key].rated).map((l) => l.id),
    };
  });

  const [low, high] = settings.bands.down;
  return {
    period: { name: window.period, from: window.range.from, to: window.range.to },
    minVolume: settings.minVolume,
    maxIntervalWidth: ratingRule(figureSettings).maxIntervalWidth,
    estimation: ESTIMATION,
    downwardPullShareBand: [round(1 - high), round(1 - low)],
    filters,
    minGroupSize,
    groups: { departments, levels },
    hidden,
    leaders,
    distributions,
    tiers: tierLists,
    pushOnly: computed
      .filter((c) => c.leader.pushOnly)
      .map((c) => ({
        id: c.leader.id,
        name: c.leader.name,
        volume: Object.values(c.totals).reduce((s, x) => s + (x?.push ?? 0) + (x?.pull ?? 0), 0),
      }))
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

/** The distinct values with their number of leaders, in order; `small` says which are withheld. */
function groupOptions<V extends string | number>(
  values: readonly (V | null)[],
  small: (leaders: number) => boolean,
): GroupOption<V>[] {
  const count = new Map<V, number>();
  for (const v of values) if (v !== null && v !== '') count.set(v, (count.get(v) ?? 0) + 1);
  return [...count.entries()]
    .sort(([a], [b]) =>
      typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)),
    )
    .map(([value, leaders]) => ({ value, leaders, hidden: small(leaders) }));
}

/**
 * Marks the leaders whose interval lies wholly outside Tukey's fences of the rated point estimates,
 * on upward proactivity or downward pull share: a point outside the fences whose interval reaches
 * back inside is not shown to be unusual.
 */
function markOutliers(leaders: OverviewLeader[]): void {
  const placed = leaders.filter((l) => l.upwardProactivity !== null && l.downwardPullShare !== null);
  const axes: FigureKey[] = ['upwardProactivity', 'downwardPullShare'];
  for (const key of axes) {
    const f = tukeyFences(placed.map((l) => l.figures[key].corrected!));
    if (!f) continue;
    for (const l of placed) {
      const { low, high } = l.figures[key];
      if (low === null || high === null) continue;
      if (high < f[0] || low > f[1]) l.outlier = true;
    }
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
