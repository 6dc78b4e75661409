import { describeReason } from '@pushpull/classifier';
import {
  type DirectionCounts,
  type LeaderMetrics,
  leaderMetrics,
  type ManagerPullMetrics,
  managerPullMetrics,
  upwardProactivity,
} from '@pushpull/metrics';
import {
  queryCountsOf,
  queryManagerPulls,
  queryReasonCounts,
  queryWeeklyCounts,
  type ReasonCount,
  readMetricSettings,
  type Store,
} from '@pushpull/store';
import type { OrgIndex } from './org-index';
import type { PeriodWindow } from './period-window';
import { median } from './summary-stats';

/** The four directions of the leader page (PRODUCT.md balance profile). */
export const PAGE_DIRECTIONS = ['up', 'down', 'peer', 'external'] as const;
export type PageDirection = (typeof PAGE_DIRECTIONS)[number];

/** One direction of the leader page. */
export interface DirectionFigures {
  push: number;
  pull: number;
  neutral: number;
  /** push + pull: the volume behind the push share. */
  volume: number;
  /** Null below the minimum volume ("not enough data"). */
  pushShare: number | null;
  band: string;
}

/** One week of the leader page's trend. */
export interface WeekFigures {
  week: string;
  directions: Record<PageDirection, { push: number; pull: number; pushShare: number | null }>;
}

/** Team culture: the upward proactivity of the direct reports (median) and its trend. */
export type TeamCulture =
  | {
      shown: true;
      members: number;
      /** Reports with enough pushes up to have an upward proactivity. */
      membersWithData: number;
      median: number | null;
      trend: { week: string; median: number | null; membersWithData: number }[];
    }
  | { shown: false; members: number; reason: string };

/** Everything the leader page shows. No message text: reasons are rule ids, evidence is permalinks. */
export interface LeaderPageReport {
  person: { personId: string; name: string; email: string; reports: number; managerPersonId: string | null };
  period: { name: string; from: string; to: string };
  minVolume: number;
  directions: Record<PageDirection, DirectionFigures>;
  metrics: LeaderMetrics;
  weekly: WeekFigures[];
  upward: {
    proactivity: number | null;
    /** Pushes up: the volume behind upward proactivity. */
    pushes: number;
    proactivePushes: number;
    /** Pulls this person received from their manager; null without a manager. */
    pullsFromManager: number | null;
    /**
     * The manager's pulls answered and the median time to answer them (an answer names its pull in
     * `respondsTo`); null without a manager. The median is null below the minimum volume.
     */
    responseTime: ManagerPullMetrics | null;
  };
  teamCulture: TeamCulture;
  /** Reason ids with their plain-words explanation (the classifier's reason catalogue). */
  reasons: (ReasonCount & { text: string })[];
}

/**
 * The leader page of `personId` for a period. Team culture is withheld (shown: false) when
 * `showSmallTeams` is false and the team is below `minGroupSize`.
 *
 * @example const page = await leaderPageReport(store, org, 'p:lea@acme.io', window, { showSmallTeams: true, minGroupSize: 5 });
 */
export async function leaderPageReport(
  store: Store,
  org: OrgIndex,
  personId: string,
  window: PeriodWindow,
  options: { showSmallTeams: boolean; minGroupSize: number },
): Promise<LeaderPageReport> {
  const person = org.get(personId);
  if (!person) throw new Error(`no person ${personId}`);
  const reports = org.directReports(personId);
  const range = window.range;
  const reportIds = reports.map((r) => r.personId);
  const [countsMap, weeklyAll, reasons, pullsFromManager, settings] = await Promise.all([
    queryCountsOf(store.db, [personId], range),
    queryWeeklyCounts(store.db, [personId, ...reportIds], range),
    queryReasonCounts(store.db, personId, range),
    person.managerPersonId
      ? queryManagerPulls(store.db, [personId], range).then(
          (m) => m.get(personId) ?? { pullsReceived: 0, responseTimesMs: [] },
        )
      : Promise.resolve(null),
    readMetricSettings(store.db),
  ]);
  const { minVolume } = settings;
  const managerPulls = pullsFromManager === null ? null : managerPullMetrics(pullsFromManager, minVolume);
  const counts: DirectionCounts = countsMap.get(personId) ?? {};
  const metrics = leaderMetrics(counts, settings);
  const directions = {} as Record<PageDirection, DirectionFigures>;
  for (const d of PAGE_DIRECTIONS) {
    const c = counts[d];
    directions[d] = {
      push: c?.push ?? 0,
      pull: c?.pull ?? 0,
      neutral: c?.neutral ?? 0,
      volume: metrics.volume[d],
      pushShare: metrics.pushShare[d],
      band: metrics.bands[d],
    };
  }
  const own = weeklyAll.filter((w) => w.personId === personId);
  const weekly: WeekFigures[] = own.map((w) => {
    const m = leaderMetrics(w.counts, settings);
    const dirs = {} as WeekFigures['directions'];
    for (const d of PAGE_DIRECTIONS) {
      dirs[d] = { push: w.counts[d]?.push ?? 0, pull: w.counts[d]?.pull ?? 0, pushShare: m.pushShare[d] };
    }
    return { week: w.week, directions: dirs };
  });

  let teamCulture: TeamCulture;
  if (!options.showSmallTeams && reports.length < options.minGroupSize) {
    teamCulture = {
      shown: false,
      members: reports.length,
      reason: `team of ${reports.length} is below the minimum group size of ${options.minGroupSize}`,
    };
  } else {
    const reportCounts = await queryCountsOf(store.db, reportIds, range);
    const values = reportIds
      .map((id) => upwardProactivity(reportCounts.get(id) ?? {}, minVolume))
      .filter((v): v is number => v !== null);
    const weeks = [...new Set(weeklyAll.filter((w) => w.personId !== personId).map((w) => w.week))].sort();
    const trend = weeks.map((week) => {
      const vals = weeklyAll
        .filter((w) => w.week === week && w.personId !== personId)
        .map((w) => upwardProactivity(w.counts, minVolume))
        .filter((v): v is number => v !== null);
      return { week, median: median(vals), membersWithData: vals.length };
    });
    teamCulture = {
      shown: true,
      members: reports.length,
      membersWithData: values.length,
      median: median(values),
      trend,
    };
  }
  return {
    person: {
      personId,
      name: person.name ?? person.email,
      email: person.email,
      reports: reports.length,
      managerPersonId: person.managerPersonId,
    },
    period: { name: window.period, from: range.from, to: range.to },
    minVolume,
    directions,
    metrics,
    weekly,
    upward: {
      proactivity: metrics.upwardProactivity,
      pushes: counts.up?.push ?? 0,
      proactivePushes: counts.up?.proactivePush ?? 0,
      pullsFromManager: managerPulls?.pullsReceived ?? null,
      responseTime: managerPulls,
    },
    teamCulture,
    reasons: reasons.map((r) => ({ ...r, text: describeReason(r.reason) })),
  };
}
