import { describeReason } from '@pushpull/classifier';
import {
  groupSourceCounts,
  type LeaderMetrics,
  leaderProfile,
  type ManagerPullMetrics,
  managerPullMetrics,
  type RatingRule,
  sumSourceCounts,
  type TeamEstimate,
} from '@pushpull/metrics';
import { classifierCorrections } from '@pushpull/runtime';
import {
  queryCountsBySource,
  queryFullPeriodReports,
  queryManagerPulls,
  queryReasonCounts,
  type ReasonCount,
  readMetricSettings,
  type Store,
} from '@pushpull/store';
import {
  describeCertainty,
  ESTIMATION,
  type EstimationNote,
  FIGURE_KEYS,
  type FigureKey,
  figuresOf,
  type RatioFigure,
  ratingRule,
} from './leader-figures';
import {
  type DirectionFigures as DirectionShape,
  PAGE_DIRECTIONS,
  type PageDirection,
  type TeamCulture,
  type WeekFigures,
} from './leader-page-shapes';
import type { OrgIndex } from './org-index';
import type { PeriodWindow } from './period-window';

export {
  PAGE_DIRECTIONS,
  type PageDirection,
  type TeamCulture,
  type WeekFigures,
} from './leader-page-shapes';

/** One direction of the leader page, with the server's figure type. */
export type DirectionFigures = DirectionShape<RatioFigure>;

/** The figure key of each direction's push share. */
const SHARE_KEY: Record<PageDirection, FigureKey> = {
  up: 'pushShareUp',
  down: 'pushShareDown',
  peer: 'pushSharePeer',
  external: 'pushShareExternal',
};

/** A figure of the leader page with how sure it is. */
export interface FigureWithCertainty extends RatioFigure {
  certainty: string;
}

/** Everything the leader page shows. No message text: reasons are rule ids, evidence is permalinks. */
export interface LeaderPageReport {
  person: { personId: string; name: string; email: string; reports: number; managerPersonId: string | null };
  period: { name: string; from: string; to: string };
  minVolume: number;
  estimation: EstimationNote;
  directions: Record<PageDirection, DirectionFigures>;
  /** Every ratio with its estimate and certainty in plain words. */
  figures: Record<FigureKey, FigureWithCertainty>;
  metrics: LeaderMetrics;
  weekly: WeekFigures[];
  upward: {
    /** The corrected upward proactivity when rated, else null. */
    proactivity: number | null;
    /** Pushes up (with or without an initiative). */
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
 * `showSmallTeams` is false and the team is below `minGroupSize`; else it counts the reports present for
 * the whole period only, and its median (and each week's) is withheld under the group rule
 * (`teamWithheld`: fewer than `minGroupSize` with data, or 1 to `minGroupSize` − 1 besides the sub-leaders)
 * unless `showSmallTeams`.
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
  const teamShown = options.showSmallTeams || reports.length >= options.minGroupSize;
  // A withheld team's counts are not even read; a shown one's are those of the whole period's reports.
  const fullPeriod = teamShown ? await queryFullPeriodReports(store.db, range.from, window.asOf) : null;
  const team = reports
    .filter((r) => fullPeriod?.get(r.personId)?.managerPersonId === personId)
    .map((r) => r.personId);
  const group = {
    minGroupSize: options.showSmallTeams ? 1 : options.minGroupSize,
    reportsShownAlone: team.map((id) => org.isLeader(id)),
  };
  const [sourceRows, reasons, pullsFromManager, settings] = await Promise.all([
    queryCountsBySource(store.db, [personId, ...team], range, { byWeek: true }),
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
  const figureSettings = { ...settings, corrections: classifierCorrections().corrections };
  const profileSettings = { ...figureSettings, ...ratingRule(figureSettings), ...group };
  const byPerson = groupSourceCounts(sourceRows);
  const weeksOf = (id: string) => byPerson.get(id) ?? new Map<string, never>();
  const profile = leaderProfile(
    sumSourceCounts(weeksOf(personId).values()),
    team.map((id) => sumSourceCounts(weeksOf(id).values())),
    profileSettings,
  );
  const { counts, raw: metrics } = profile;
  const own = figuresOf(profile.corrected);
  const figures = {} as Record<FigureKey, FigureWithCertainty>;
  for (const key of FIGURE_KEYS) {
    figures[key] = { ...own.figures[key], certainty: describeCertainty(own.figures[key], figureSettings) };
  }
  const directions = {} as Record<PageDirection, DirectionFigures>;
  for (const d of PAGE_DIRECTIONS) {
    const c = counts[d];
    const f = figures[SHARE_KEY[d]];
    directions[d] = {
      push: c?.push ?? 0,
      pull: c?.pull ?? 0,
      neutral: c?.neutral ?? 0,
      volume: metrics.volume[d],
      pushShare: f.rated ? f.corrected : null,
      band: own.bands[d],
      figure: own.figures[SHARE_KEY[d]],
      certainty: f.certainty,
    };
  }
  const weekly: WeekFigures[] = [...weeksOf(personId).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, sources]) => {
      const wp = leaderProfile(sources, [], profileSettings);
      const wf = figuresOf(wp.corrected).figures;
      const dirs = {} as WeekFigures['directions'];
      for (const d of PAGE_DIRECTIONS) {
        const f = wf[SHARE_KEY[d]];
        const enough = f.volume >= minVolume && f.corrected !== null;
        dirs[d] = {
          push: wp.counts[d]?.push ?? 0,
          pull: wp.counts[d]?.pull ?? 0,
          pushShare: enough ? f.corrected : null,
          low: enough ? f.low : null,
          high: enough ? f.high : null,
        };
      }
      return { week, directions: dirs };
    });

  let teamCulture: TeamCulture;
  if (!teamShown) {
    teamCulture = {
      shown: false,
      members: reports.length,
      reason: `team of ${reports.length} is below the minimum group size of ${options.minGroupSize}`,
    };
  } else {
    const teamWeeks = [...new Set(team.flatMap((id) => [...weeksOf(id).keys()]))].sort();
    const trend = teamWeeks.map((week) => {
      const t = leaderProfile(
        {},
        team.map((id) => weeksOf(id).get(week) ?? {}),
        profileSettings,
      ).corrected.team;
      return {
        week,
        median: t.value,
        low: t.low,
        high: t.high,
        membersWithData: t.membersWithData,
        withheld: t.withheld,
      };
    });
    const t = profile.corrected.team;
    teamCulture = {
      shown: true,
      members: reports.length,
      membersFullPeriod: team.length,
      withheld: t.withheld,
      membersWithData: t.membersWithData,
      median: t.value,
      low: t.low,
      high: t.high,
      certainty: describeTeam(t, team.length, profile.corrected.rule),
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
    estimation: ESTIMATION,
    directions,
    figures,
    metrics,
    weekly,
    upward: {
      proactivity: figures.upwardProactivity.rated ? figures.upwardProactivity.corrected : null,
      pushes: counts.up?.push ?? 0,
      proactivePushes: counts.up?.proactivePush ?? 0,
      pullsFromManager: managerPulls?.pullsReceived ?? null,
      responseTime: managerPulls,
    },
    teamCulture,
    reasons: reasons.map((r) => ({ ...r, text: describeReason(r.reason) })),
  };
}

/**
 * How sure a team-culture median is, in plain words.
 *
 * @example describeTeam({ value: 0.6, low: 0.45, high: 0.72, membersWithData: 5 }, 7, rule)
 * // 'Median of the 5 of 7 direct reports with a figure: 60%; the medians of their 90% intervals run from 45% to 72%.'
 */
export function describeTeam(team: TeamEstimate, members: number, rule: RatingRule): string {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  if (team.withheld) {
    return (
      `Withheld: ${team.withheld} (${team.membersWithData} of the ${members} direct reports present for the ` +
      'whole period have a figure), so that no one person can be read from it.'
    );
  }
  if (team.value === null || team.low === null || team.high === null) {
    return (
      `Not enough data: none of the ${members} direct reports has an upward proactivity precise enough ` +
      `to call (at least ${rule.minVolume} events and a 90% interval no wider than ${pct(rule.maxIntervalWidth)}).`
    );
  }
  return (
    `Median of the ${team.membersWithData} of ${members} direct reports with a figure: ${pct(team.value)}; ` +
    `the medians of their 90% intervals run from ${pct(team.low)} to ${pct(team.high)}.`
  );
}
