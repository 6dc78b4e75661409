import { periodRange, teamUpwardProactivity, totalOverSources, tukeyFences } from '@pushpull/metrics';
import type { OrgChart, OrgPerson } from '@pushpull/org';
import type { BandName, DepartmentRow, OrgLeaderRow, OrgReview, ShownRatio } from '@pushpull/report-render';
import { loadOrgChart } from '@pushpull/runtime';
import { queryCountsBySource, queryFullPeriodReports, readMetricSettings, type Store } from '@pushpull/store';
import { periodAsOf } from './period-as-of';
import { previousPeriod } from './previous-period';
import {
  bySourceOf,
  type CountsBySource,
  type FigureContext,
  figureContext,
  leaderFiguresOf,
  totalBySource,
} from './review-figures';

/** A leader of the org review: who, and where to find their own review. */
export interface OrgReviewLeader {
  personId: string;
  email: string;
  name: string | null;
  department: string | null;
}

/** The org review and the leaders it covers (in its order), for writing one file per leader. */
export interface OrgReviewResult {
  review: OrgReview;
  leaders: OrgReviewLeader[];
}

/** The figures of one person in one period, as the org page shows them (a leader row's `previous`). */
type PersonFigures = NonNullable<OrgLeaderRow['previous']>;

/** The data of one period: dates, org chart as of its end, the counts per source of leaders and reports. */
interface PeriodData {
  label: string;
  from: string;
  to: string;
  asOf: string;
  people: Map<string, OrgPerson>;
  /** Direct reports on the period's last day. */
  reportsOf: Map<string, string[]>;
  /** Of those, the ones present for the whole period: whom team figures count (issue 14, finding 2). */
  fullPeriodReportsOf: Map<string, string[]>;
  counts: Map<string, CountsBySource>;
}

function figuresOf(
  counts: CountsBySource,
  reports: readonly CountsBySource[],
  reportsShownAlone: readonly boolean[],
  ctx: FigureContext,
): PersonFigures {
  const group = { reportsShownAlone };
  const raw = teamUpwardProactivity(reports.map(totalOverSources), ctx.rule.minVolume, group);
  const f = leaderFiguresOf(counts, reports, raw, ctx, group);
  return {
    upwardProactivity: f.upwardProactivity,
    downwardPullShare: f.downwardPullShare,
    externalPullShare: f.externalPullShare,
    teamUpwardProactivity: f.team,
    bands: { up: f.bands.up, down: f.bands.down },
    pushOnly: f.pushOnly,
  };
}

async function periodData(
  store: Store,
  chart: OrgChart,
  leaderIds: ((reportsOf: Map<string, string[]>) => readonly string[]) | readonly string[],
  period: string,
  now: Date,
  label: string,
): Promise<PeriodData> {
  const range = periodRange(period, now);
  const asOf = periodAsOf(range, now);
  const at = new Date(`${asOf}T00:00:00Z`);
  const people = new Map(chart.people(at).map((p) => [p.personId, p]));
  const reportsOf = new Map<string, string[]>();
  for (const p of people.values()) {
    if (!p.managerPersonId || p.managerPersonId === p.personId) continue;
    reportsOf.set(p.managerPersonId, [...(reportsOf.get(p.managerPersonId) ?? []), p.personId]);
  }
  const fullPeriod = await queryFullPeriodReports(store.db, range.from, asOf);
  const fullPeriodReportsOf = new Map(
    [...reportsOf].map(([leader, ids]) => [
      leader,
      ids.filter((id) => fullPeriod.get(id)?.managerPersonId === leader),
    ]),
  );
  const leaders = typeof leaderIds === 'function' ? leaderIds(reportsOf) : leaderIds;
  const ids = [...new Set(leaders.flatMap((id) => [id, ...(fullPeriodReportsOf.get(id) ?? [])]))];
  const rows = bySourceOf(await queryCountsBySource(store.db, ids, range));
  const counts = new Map([...rows].map(([id, weeks]) => [id, weeks.get('') ?? {}]));
  return { label, from: range.from, to: range.to, asOf, people, reportsOf, fullPeriodReportsOf, counts };
}

function personFigures(data: PeriodData, personId: string, ctx: FigureContext): PersonFigures {
  const reportIds = data.fullPeriodReportsOf.get(personId) ?? [];
  const reports = reportIds.map((id) => data.counts.get(id) ?? {});
  const shownAlone = reportIds.map((id) => (data.reportsOf.get(id)?.length ?? 0) > 0);
  return figuresOf(data.counts.get(personId) ?? {}, reports, shownAlone, ctx);
}

const NO_DEPARTMENT = '(no department)';

/**
 * Every leader of the organisation for one period (people with direct reports in the org chart as of
 * the period's end, as on the dashboard), with the same figures for the previous period beside them,
 * outliers on the overview scatter by Tukey's fences, and department roll-ups (each department's
 * leaders' counts pooled). Leaders are ordered by department, then name.
 *
 * @example const { review, leaders } = await buildOrgReview(store, '2026-Q3', new Date());
 */
export async function buildOrgReview(store: Store, period: string, now: Date): Promise<OrgReviewResult> {
  const settings = await readMetricSettings(store.db);
  const ctx = figureContext(settings);
  const { chart } = await loadOrgChart(store);
  // Leaders: people with at least one direct report in the org chart as of the period's end.
  const current = await periodData(
    store,
    chart,
    (reportsOf) => [...reportsOf.keys()],
    period,
    now,
    period.trim(),
  );
  const leaderIds = [...current.reportsOf.keys()].filter((id) => current.people.has(id));
  const prev = previousPeriod(period, now);
  const before = await periodData(store, chart, leaderIds, prev.period, prev.now, prev.label);

  const leaders: (OrgLeaderRow & { personId: string })[] = leaderIds.map((id) => {
    const person = current.people.get(id) as OrgPerson;
    return {
      personId: id,
      name: person.name,
      email: person.email,
      department: person.department,
      reports: current.reportsOf.get(id)?.length ?? 0,
      ...personFigures(current, id, ctx),
      outlier: false,
      previous: personFigures(before, id, ctx),
    };
  });
  const placed = leaders.filter((l) => l.upwardProactivity.rated && l.downwardPullShare.rated);
  const value = (r: ShownRatio) => (r.corrected ?? r.raw) as number;
  const fx = tukeyFences(placed.map((l) => value(l.upwardProactivity)));
  const fy = tukeyFences(placed.map((l) => value(l.downwardPullShare)));
  for (const l of placed) {
    const x = value(l.upwardProactivity);
    const y = value(l.downwardPullShare);
    l.outlier = Boolean((fx && (x < fx[0] || x > fx[1])) || (fy && (y < fy[0] || y > fy[1])));
  }
  const dept = (l: { department: string | null }) => l.department ?? NO_DEPARTMENT;
  leaders.sort(
    (a, b) =>
      (a.department === null ? 1 : 0) - (b.department === null ? 1 : 0) ||
      dept(a).localeCompare(dept(b)) ||
      (a.name ?? a.email).localeCompare(b.name ?? b.email) ||
      a.email.localeCompare(b.email),
  );

  const departments: DepartmentRow[] = [];
  for (const name of [...new Set(leaders.map(dept))]) {
    const members = leaders.filter((l) => dept(l) === name);
    const pooled = (data: PeriodData) =>
      figuresOf(totalBySource(members.map((m) => data.counts.get(m.personId) ?? {})), [], [], ctx);
    const inBand = (bands: { down: BandName }[]) => ({
      inBand: bands.filter((b) => b.down === 'in band').length,
      rated: bands.filter((b) => b.down !== 'not enough data').length,
    });
    const now = pooled(current);
    const then = pooled(before);
    departments.push({
      department: name,
      leaders: members.length,
      upwardProactivity: now.upwardProactivity,
      downwardPullShare: now.downwardPullShare,
      externalPullShare: now.externalPullShare,
      inBandDown: inBand(members.map((m) => m.bands)),
      pushOnly: members.filter((m) => m.pushOnly).length,
      previous: {
        upwardProactivity: then.upwardProactivity,
        downwardPullShare: then.downwardPullShare,
        externalPullShare: then.externalPullShare,
        inBandDown: inBand(members.flatMap((m) => (m.previous ? [m.previous.bands] : []))),
        pushOnly: members.filter((m) => m.previous?.pushOnly).length,
      },
    });
  }

  const [low, high] = settings.bands.down;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    review: {
      period: { label: current.label, from: current.from, to: current.to },
      previous: { label: before.label, from: before.from, to: before.to },
      asOf: current.asOf,
      minVolume: settings.minVolume,
      downwardPullShareBand: [round(1 - high), round(1 - low)],
      leaders: leaders.map(({ personId: _, ...row }) => row),
      departments,
    },
    leaders: leaders.map((l) => ({
      personId: l.personId,
      email: l.email,
      name: l.name,
      department: l.department,
    })),
  };
}
