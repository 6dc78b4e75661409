import { PushpullError } from '@pushpull/core';
import {
  type DirectionCounts,
  groupSourceCounts,
  type LeaderMetrics,
  type LeaderProfile,
  leaderProfile,
  type ManagerPullMetrics,
  managerPullMetrics,
  periodRange,
  periodStart,
  sumSourceCounts,
  type Trend,
  teamWithheld,
  totalOverSources,
  trend,
  upwardProactivity,
} from '@pushpull/metrics';
import { classifierCorrections } from '@pushpull/runtime';
import {
  type MetricSettings,
  queryCountsBySource,
  queryFullPeriodReports,
  queryManagerPulls,
  queryOrgAsOf,
  queryReasonCounts,
  querySourceCounts,
  readMetricSettings,
  type SourceCount,
  type Store,
} from '@pushpull/store';

/** One week of a leader's trend. */
export interface ReportWeek {
  /** Monday, 'YYYY-MM-DD'. */
  week: string;
  /** Events the leader authored (push + pull + neutral over directions). */
  events: number;
  upPushShare: number | null;
  downwardPullShare: number | null;
  upwardProactivity: number | null;
  teamUpwardProactivity: number | null;
}

/** Everything a quarterly leadership review shows about one leader: figures and counts, never text. */
export interface LeaderReport {
  leader: { personId: string; email: string; name: string | null };
  period: { label: string; from: string; to: string };
  /** The org chart date the team is taken from: the period's last day, or today if earlier. */
  asOf: string;
  settings: MetricSettings;
  counts: DirectionCounts;
  /** The figures as labelled: `profile.raw`. */
  metrics: LeaderMetrics;
  /** The leader profile of the period (`leaderProfile`: as labelled and corrected, team included). */
  profile: LeaderProfile;
  /** Events per week over the period (all modes). */
  eventsPerWeek: number;
  /** How often the leader's own manager had to pull them, and how fast they answered. */
  pulledByManager: ManagerPullMetrics;
  team: {
    /** Direct reports on the period's last day (or today). */
    reports: number;
    /** The reports present for the whole period, whom every team figure counts (ids). */
    fullPeriodReportIds: string[];
    /** Per full-period report: true for a sub-leader (their own figures are shown on their own). */
    reportsShownAlone: boolean[];
    /** Reports with enough pushes up for a figure of their own. */
    reportsWithData: number;
    upwardProactivity: number | null;
    /** Why the team figure is withheld (`teamWithheld`: e.g. "fewer than 5 people with data"), or null. */
    withheld: string | null;
    trend: Trend;
    /**
     * The pulls the reports received from their manager (this leader), and how fast they answered; the
     * answers (count, share, median time) are a group figure: withheld (0 and null) when
     * `pullsToReportsWithheld` says why.
     */
    pullsToReports: ManagerPullMetrics;
    pullsToReportsWithheld: string | null;
  };
  weeks: ReportWeek[];
  trends: { downwardPullShare: Trend; upwardProactivity: Trend };
  sources: SourceCount[];
  reasons: { mode: string; reason: string; events: number }[];
}

const DAY_MS = 86_400_000;

function mondays(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let t = Date.parse(`${periodStart('week', from)}T00:00:00Z`);
    t < Date.parse(`${to}T00:00:00Z`);
    t += 7 * DAY_MS
  ) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function totalEvents(counts: DirectionCounts): number {
  return Object.values(counts).reduce((s, c) => s + (c ? c.push + c.pull + c.neutral : 0), 0);
}

/**
 * Gathers the leadership review of the person with `email` for `period` (a preset of `periodRange`:
 * `YYYY-Qn`, `YYYY-MM`, `YYYY-Www`, `last-30d`/`90d`/`365d`) from the store: balance per direction with bands, the PRODUCT.md ratios with their
 * volumes, a weekly trend, team culture and the reasons behind the labels as counts. Throws
 * PushpullError `PERIOD_INVALID` for a bad period and `REPORT_UNKNOWN_PERSON` for an email that is
 * not in the org chart by the end of the period.
 *
 * @example const report = await buildLeaderReport(store, 'lea@acme.io', '2026-Q3', new Date());
 */
export async function buildLeaderReport(
  store: Store,
  email: string,
  period: string,
  now: Date,
): Promise<LeaderReport> {
  const range = periodRange(period, now);
  const lastDay = new Date(Date.parse(`${range.to}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
  const today = now.toISOString().slice(0, 10);
  const asOf = [lastDay, today].sort()[0] as string;
  const org = await queryOrgAsOf(store.db, asOf);
  const key = email.trim().toLowerCase();
  const me = org.find((p) => p.email === key);
  if (!me) {
    throw new PushpullError(
      'REPORT_UNKNOWN_PERSON',
      `--leader ${email}: nobody with this email is in the org chart as of ${asOf} (import it with \`pushpull org import\`)`,
      { email, asOf },
    );
  }
  const allReports = org.filter((p) => p.managerPersonId === me.personId);
  // Team figures count only the reports present for the whole period (issue 14, finding 2).
  const fullPeriod = await queryFullPeriodReports(store.db, range.from, asOf);
  const reports = allReports.filter((r) => fullPeriod.get(r.personId)?.managerPersonId === me.personId);
  const reportsShownAlone = reports.map((r) => org.some((p) => p.managerPersonId === r.personId));
  const ids = [me.personId, ...reports.map((r) => r.personId)];
  const settings = await readMetricSettings(store.db);
  const { minVolume } = settings;
  const profileSettings = {
    ...settings,
    corrections: classifierCorrections().corrections,
    reportsShownAlone,
  };
  const byPerson = groupSourceCounts(await queryCountsBySource(store.db, ids, range, { byWeek: true }));
  const weeksOf = (personId: string) => byPerson.get(personId) ?? new Map<string, never>();
  const reportTotals = reports.map((r) => sumSourceCounts(weeksOf(r.personId).values()));
  const profile = leaderProfile(
    sumSourceCounts(weeksOf(me.personId).values()),
    reportTotals,
    profileSettings,
  );
  const { counts, raw: metrics } = profile;
  const weeks: ReportWeek[] = mondays(range.from, range.to).map((week) => {
    const { counts: c, raw } = leaderProfile(
      weeksOf(me.personId).get(week) ?? {},
      reports.map((r) => weeksOf(r.personId).get(week) ?? {}),
      profileSettings,
    );
    return {
      week,
      events: totalEvents(c),
      upPushShare: raw.pushShare.up,
      downwardPullShare: raw.downwardPullShare,
      upwardProactivity: raw.upwardProactivity,
      teamUpwardProactivity: raw.teamUpwardProactivity,
    };
  });
  const withData = reportTotals.flatMap((c, i) =>
    upwardProactivity(totalOverSources(c), minVolume) !== null ? [i] : [],
  );
  const days = (Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS;

  const pulls = await queryManagerPulls(store.db, ids, range);
  const none = { pullsReceived: 0, responseTimesMs: [] as number[] };
  const toReports = reports.map((r) => pulls.get(r.personId) ?? none);
  const answeredBy = toReports.flatMap((p, i) => (p.responseTimesMs.length > 0 ? [i] : []));
  const answersWithheld = answeredBy.length > 0 ? teamWithheld(answeredBy, { reportsShownAlone }) : null;
  const reasons = await queryReasonCounts(store.db, me.personId, range, { limit: 200, linksPerReason: 0 });

  return {
    leader: { personId: me.personId, email: me.email, name: me.name },
    period: { label: period.trim(), from: range.from, to: range.to },
    asOf,
    settings,
    counts,
    metrics,
    profile,
    eventsPerWeek: totalEvents(counts) / (days / 7),
    pulledByManager: managerPullMetrics(pulls.get(me.personId) ?? none, minVolume),
    team: {
      reports: allReports.length,
      fullPeriodReportIds: reports.map((r) => r.personId),
      reportsShownAlone,
      reportsWithData: withData.length,
      upwardProactivity: metrics.teamUpwardProactivity,
      withheld: withData.length > 0 ? teamWithheld(withData, { reportsShownAlone }) : null,
      trend: trend(weeks.map((w) => w.teamUpwardProactivity)),
      pullsToReports: managerPullMetrics(
        {
          pullsReceived: toReports.reduce((s, p) => s + p.pullsReceived, 0),
          responseTimesMs: answersWithheld ? [] : toReports.flatMap((p) => p.responseTimesMs),
        },
        minVolume,
      ),
      pullsToReportsWithheld: answersWithheld,
    },
    weeks,
    trends: {
      downwardPullShare: trend(weeks.map((w) => w.downwardPullShare)),
      upwardProactivity: trend(weeks.map((w) => w.upwardProactivity)),
    },
    sources: await querySourceCounts(store.db, me.personId, range),
    reasons: reasons.map((r) => ({ mode: r.mode, reason: r.reason, events: r.events })),
  };
}
