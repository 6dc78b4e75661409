import {
  type DirectionCounts,
  groupSourceCounts,
  leaderProfile,
  sumSourceCounts,
  teamWithheld,
  totalOverSources,
} from '@pushpull/metrics';
import { classifierCorrections } from '@pushpull/runtime';
import { queryCountsBySource, queryFullPeriodReports, readMetricSettings, type Store } from '@pushpull/store';
import { figuresOf, leaderFigures, type RatioFigure, ratingRule } from './leader-figures';
import { describeTeam, PAGE_DIRECTIONS, type PageDirection } from './leader-page-report';
import type { OrgIndex } from './org-index';
import type { PeriodWindow } from './period-window';

/**
 * A team (a leader's direct reports) as aggregates; per-member rows only for admins. Figures count only
 * the members who reported to the leader for the whole period (`queryFullPeriodReports`), and each
 * group figure follows the group rule (`teamWithheld`): withheld (null, with the reason) unless enough
 * members have data for it, and enough besides the sub-leaders shown on their own.
 */
export interface TeamReport {
  leader: { personId: string; name: string };
  period: { name: string; from: string; to: string };
  minVolume: number;
  /** Direct reports on the period's last day (or today). */
  members: number;
  /** Of those, the ones who reported to the leader for the whole period: the only ones the figures count. */
  membersFullPeriod: number;
  /**
   * The team's counts summed over members, with the corrected push share per direction (null when
   * not rated: too few events or too wide an interval) and its estimate; all null when `withheld`.
   */
  directions: Record<
    PageDirection,
    {
      push: number | null;
      pull: number | null;
      volume: number | null;
      pushShare: number | null;
      figure: RatioFigure | null;
      /** Why this direction's figures are withheld (e.g. "fewer than 5 people with data"), or null. */
      withheld: string | null;
    }
  >;
  /** Upward proactivity of the whole team's pushes up (corrected, null when not rated), and its volume. */
  upwardProactivity: number | null;
  upwardVolume: number | null;
  upwardFigure: RatioFigure | null;
  /** Why the team's upward proactivity is withheld, or null. */
  upwardWithheld: string | null;
  /** Team culture: median of the members' own corrected upward proactivity (rated ones). */
  cultureMedian: number | null;
  cultureLow: number | null;
  cultureHigh: number | null;
  /** How sure the culture median is, in plain words (or why it is withheld). */
  cultureCertainty: string;
  /** Why the culture median is withheld, or null. */
  cultureWithheld: string | null;
  membersWithData: number;
  /** Admins only: one row per member. */
  memberRows?: {
    personId: string;
    name: string;
    upwardProactivity: number | null;
    upwardVolume: number;
    figure: RatioFigure;
  }[];
}

/** Every team the user can list: leader, size. */
export interface TeamListEntry {
  leaderPersonId: string;
  leaderName: string;
  members: number;
}

/**
 * The team of `leaderId` for a period; `perMember` adds one row per member (admins). Figures are
 * corrected per source with 90% intervals, like the leader page's, over the members present for the whole
 * period, each under the group rule with `minGroupSize` (1 for admins: nothing withheld).
 *
 * @example const team = await teamReport(store, org, 'p:lea@acme.io', window, false, 5);
 */
export async function teamReport(
  store: Store,
  org: OrgIndex,
  leaderId: string,
  window: PeriodWindow,
  perMember: boolean,
  minGroupSize: number,
): Promise<TeamReport> {
  const fullPeriod = await queryFullPeriodReports(store.db, window.range.from, window.asOf);
  const all = org.directReports(leaderId);
  const members = all.filter((m) => fullPeriod.get(m.personId)?.managerPersonId === leaderId);
  const ids = members.map((m) => m.personId);
  const group = { minGroupSize, reportsShownAlone: members.map((m) => org.isLeader(m.personId)) };
  const [rows, settings] = await Promise.all([
    queryCountsBySource(store.db, ids, window.range),
    readMetricSettings(store.db),
  ]);
  const figureSettings = { ...settings, corrections: classifierCorrections().corrections };
  const rule = ratingRule(figureSettings);
  const byMember = groupSourceCounts(rows);
  const memberSources = ids.map((id) => byMember.get(id)?.get('') ?? {});
  // The team's profile: its members' counts together, and each member as a report (team culture).
  const profile = leaderProfile(sumSourceCounts(memberSources), memberSources, {
    ...figureSettings,
    ...rule,
    ...group,
  });
  // who contributed to each summed figure: members with events in the direction
  const totals = memberSources.map(totalOverSources);
  const withData = (has: (c: DirectionCounts) => boolean) => totals.flatMap((c, i) => (has(c) ? [i] : []));
  const volumeOf = (c: DirectionCounts, d: PageDirection) => (c[d]?.push ?? 0) + (c[d]?.pull ?? 0);
  const merged = profile.counts;
  const f = figuresOf(profile.corrected);
  const share = {
    up: f.figures.pushShareUp,
    down: f.figures.pushShareDown,
    peer: f.figures.pushSharePeer,
    external: f.figures.pushShareExternal,
  };
  const directions = {} as TeamReport['directions'];
  for (const d of PAGE_DIRECTIONS) {
    const withheld = teamWithheld(
      withData((c) => volumeOf(c, d) > 0),
      group,
    );
    directions[d] = withheld
      ? { push: null, pull: null, volume: null, pushShare: null, figure: null, withheld }
      : {
          push: merged[d]?.push ?? 0,
          pull: merged[d]?.pull ?? 0,
          volume: volumeOf(merged, d),
          pushShare: share[d].rated ? share[d].corrected : null,
          figure: share[d],
          withheld: null,
        };
  }
  const culture = profile.corrected.team;
  const leader = org.get(leaderId);
  const up = f.figures.upwardProactivity;
  const upwardWithheld = teamWithheld(
    withData((c) => (c.up?.push ?? 0) > 0),
    group,
  );
  const report: TeamReport = {
    leader: { personId: leaderId, name: leader?.name ?? leader?.email ?? leaderId },
    period: { name: window.period, from: window.range.from, to: window.range.to },
    minVolume: settings.minVolume,
    members: all.length,
    membersFullPeriod: members.length,
    directions,
    upwardProactivity: !upwardWithheld && up.rated ? up.corrected : null,
    upwardVolume: upwardWithheld ? null : up.volume,
    upwardFigure: upwardWithheld ? null : up,
    upwardWithheld,
    cultureMedian: culture.value,
    cultureLow: culture.low,
    cultureHigh: culture.high,
    cultureCertainty: describeTeam(culture, members.length, rule),
    cultureWithheld: culture.withheld,
    membersWithData: culture.membersWithData,
  };
  if (perMember) {
    const individual = memberSources.map((s) => leaderFigures(s, figureSettings).figures.upwardProactivity);
    report.memberRows = members.map((p, i) => ({
      personId: p.personId,
      name: p.name ?? p.email,
      upwardProactivity: individual[i]!.rated ? individual[i]!.corrected : null,
      upwardVolume: individual[i]!.volume,
      figure: individual[i]!,
    }));
  }
  return report;
}
