import { groupSourceCounts, leaderProfile, sumSourceCounts } from '@pushpull/metrics';
import { classifierCorrections } from '@pushpull/runtime';
import { queryCountsBySource, readMetricSettings, type Store } from '@pushpull/store';
import { figuresOf, leaderFigures, type RatioFigure, ratingRule } from './leader-figures';
import { describeTeam, PAGE_DIRECTIONS, type PageDirection } from './leader-page-report';
import type { OrgIndex } from './org-index';
import type { PeriodWindow } from './period-window';

/** A team (a leader's direct reports) as aggregates; per-member rows only for admins. */
export interface TeamReport {
  leader: { personId: string; name: string };
  period: { name: string; from: string; to: string };
  minVolume: number;
  members: number;
  /**
   * The team's counts summed over members, with the corrected push share per direction (null when
   * not rated: too few events or too wide an interval) and its estimate.
   */
  directions: Record<
    PageDirection,
    { push: number; pull: number; volume: number; pushShare: number | null; figure: RatioFigure }
  >;
  /** Upward proactivity of the whole team's pushes up (corrected, null when not rated), and its volume. */
  upwardProactivity: number | null;
  upwardVolume: number;
  upwardFigure: RatioFigure;
  /** Team culture: median of the members' own corrected upward proactivity (rated ones). */
  cultureMedian: number | null;
  cultureLow: number | null;
  cultureHigh: number | null;
  /** How sure the culture median is, in plain words. */
  cultureCertainty: string;
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
 * corrected per source with 90% intervals, like the leader page's.
 *
 * @example const team = await teamReport(store, org, 'p:lea@acme.io', window, false);
 */
export async function teamReport(
  store: Store,
  org: OrgIndex,
  leaderId: string,
  window: PeriodWindow,
  perMember: boolean,
): Promise<TeamReport> {
  const members = org.directReports(leaderId);
  const ids = members.map((m) => m.personId);
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
  });
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
    directions[d] = {
      push: merged[d]?.push ?? 0,
      pull: merged[d]?.pull ?? 0,
      volume: (merged[d]?.push ?? 0) + (merged[d]?.pull ?? 0),
      pushShare: share[d].rated ? share[d].corrected : null,
      figure: share[d],
    };
  }
  const culture = profile.corrected.team;
  const leader = org.get(leaderId);
  const up = f.figures.upwardProactivity;
  const report: TeamReport = {
    leader: { personId: leaderId, name: leader?.name ?? leader?.email ?? leaderId },
    period: { name: window.period, from: window.range.from, to: window.range.to },
    minVolume: settings.minVolume,
    members: members.length,
    directions,
    upwardProactivity: up.rated ? up.corrected : null,
    upwardVolume: up.volume,
    upwardFigure: up,
    cultureMedian: culture.value,
    cultureLow: culture.low,
    cultureHigh: culture.high,
    cultureCertainty: describeTeam(culture, members.length, rule),
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
