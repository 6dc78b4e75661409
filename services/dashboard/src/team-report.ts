import {
  type DirectionCounts,
  leaderMetrics,
  mergeDirectionCounts,
  upwardProactivity,
} from '@pushpull/metrics';
import { queryCountsOf, readMetricSettings, type Store } from '@pushpull/store';
import { PAGE_DIRECTIONS, type PageDirection } from './leader-page-report';
import type { OrgIndex } from './org-index';
import type { PeriodWindow } from './period-window';
import { median } from './summary-stats';

/** A team (a leader's direct reports) as aggregates; per-member rows only for admins. */
export interface TeamReport {
  leader: { personId: string; name: string };
  period: { name: string; from: string; to: string };
  minVolume: number;
  members: number;
  /** The team's counts summed over members, with push share per direction (null below min volume). */
  directions: Record<PageDirection, { push: number; pull: number; volume: number; pushShare: number | null }>;
  /** Proactive pushes up / pushes up of the whole team, and its volume. */
  upwardProactivity: number | null;
  upwardVolume: number;
  /** Team culture: median of the members' own upward proactivity. */
  cultureMedian: number | null;
  membersWithData: number;
  /** Admins only: one row per member. */
  memberRows?: { personId: string; name: string; upwardProactivity: number | null; upwardVolume: number }[];
}

/** Every team the user can list: leader, size. */
export interface TeamListEntry {
  leaderPersonId: string;
  leaderName: string;
  members: number;
}

/**
 * The team of `leaderId` for a period; `perMember` adds one row per member (admins).
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
  const [countsMap, settings] = await Promise.all([
    queryCountsOf(store.db, ids, window.range),
    readMetricSettings(store.db),
  ]);
  const merged: DirectionCounts = mergeDirectionCounts(...ids.map((id) => countsMap.get(id) ?? {}));
  const m = leaderMetrics(merged, settings);
  const directions = {} as TeamReport['directions'];
  for (const d of PAGE_DIRECTIONS) {
    directions[d] = {
      push: merged[d]?.push ?? 0,
      pull: merged[d]?.pull ?? 0,
      volume: m.volume[d],
      pushShare: m.pushShare[d],
    };
  }
  const individual = ids.map((id) => upwardProactivity(countsMap.get(id) ?? {}, settings.minVolume));
  const withData = individual.filter((v): v is number => v !== null);
  const leader = org.get(leaderId);
  const report: TeamReport = {
    leader: { personId: leaderId, name: leader?.name ?? leader?.email ?? leaderId },
    period: { name: window.period, from: window.range.from, to: window.range.to },
    minVolume: settings.minVolume,
    members: members.length,
    directions,
    upwardProactivity: m.upwardProactivity,
    upwardVolume: merged.up?.push ?? 0,
    cultureMedian: median(withData),
    membersWithData: withData.length,
  };
  if (perMember) {
    report.memberRows = members.map((p, i) => ({
      personId: p.personId,
      name: p.name ?? p.email,
      upwardProactivity: individual[i] ?? null,
      upwardVolume: countsMap.get(p.personId)?.up?.push ?? 0,
    }));
  }
  return report;
}
