import {
  type DirectionCounts,
  type LeaderProfile,
  type LeaderProfileSettings,
  leaderProfile,
  type SourceDirectionCounts,
} from '@pushpull/metrics';
import { sql } from 'kysely';
import { type FullPeriodReport, queryFullPeriodReports } from '../full-period-reports';
import type { Store } from '../open-store';
import { analyticsAliases } from './analytics-aliases';

/** A row of `analytics.balance_by_source`: counts of one person × period × direction × source. */
export interface SourceRow {
  person_id: string;
  period_kind: string;
  period_start: string;
  direction: string;
  source: string;
  push: number;
  pull: number;
  neutral: number;
  proactive_push: number;
  responsive_push: number;
  [column: string]: unknown;
}

/**
 * Test helper: the views' counts per source, as `(personId, kind, start) → source → direction → counts`,
 * with the rows they come from.
 *
 * @example const { countsOf } = await viewSourceCounts(store); countsOf('p:lea@acme.io', 'quarter', '2026-07-01')
 */
export async function viewSourceCounts(store: Store): Promise<{
  rows: SourceRow[];
  countsOf: (personId: string, kind: string, start: string) => SourceDirectionCounts;
}> {
  const { unalias } = await analyticsAliases(store);
  const rows = unalias(
    (await sql<SourceRow>`select * from analytics.balance_by_source`.execute(store.db)).rows,
  );
  const out = new Map<string, Record<string, DirectionCounts>>();
  for (const r of rows) {
    const key = `${r.person_id}|${r.period_kind}|${r.period_start}`;
    const person = out.get(key) ?? {};
    person[r.source] = {
      ...person[r.source],
      [r.direction]: {
        push: r.push,
        pull: r.pull,
        neutral: r.neutral,
        proactivePush: r.proactive_push,
        responsivePush: r.responsive_push,
      },
    };
    out.set(key, person);
  }
  return { rows, countsOf: (personId, kind, start) => out.get(`${personId}|${kind}|${start}`) ?? {} };
}

/**
 * Test helper: every row of `analytics.leader_profile` beside `leaderProfile()` of the same counts (the
 * leader's, and those of their direct reports over the whole period per `queryFullPeriodReports`, the
 * sub-leaders among them marked as shown on their own), with a label for messages.
 *
 * @example for (const { row, profile, at } of await viewProfiles(store, {})) expect(row.push_only, at).toBe(profile.raw.pushOnly);
 */
export async function viewProfiles(
  store: Store,
  settings: LeaderProfileSettings,
): Promise<{ row: Record<string, unknown>; profile: LeaderProfile; at: string }[]> {
  const { countsOf } = await viewSourceCounts(store);
  const rows = (await analyticsAliases(store)).unalias(
    (await sql<Record<string, unknown>>`select * from analytics.leader_profile`.execute(store.db)).rows,
  );
  const teams = new Map<string, Map<string, FullPeriodReport>>();
  const today = new Date().toISOString().slice(0, 10);
  const out: { row: Record<string, unknown>; profile: LeaderProfile; at: string }[] = [];
  for (const row of rows) {
    const [personId, kind, start] = [row.person_id, row.period_kind, row.period_start] as string[];
    const key = `${kind}|${start}`;
    let team = teams.get(key);
    if (!team) {
      const last = [lastDayOf(kind as string, start as string), today].sort()[0] as string;
      team = await queryFullPeriodReports(store.db, start as string, last);
      teams.set(key, team);
    }
    const reports = [...team.values()].filter((q) => q.managerPersonId === personId);
    out.push({
      row,
      profile: leaderProfile(
        countsOf(personId as string, kind as string, start as string),
        reports.map((r) => countsOf(r.personId, kind as string, start as string)),
        { ...settings, reportsShownAlone: reports.map((r) => r.isLeader) },
      ),
      at: `${personId} ${kind} ${start}`,
    });
  }
  return out;
}

/** The last day of the week, month or quarter starting on `start`. */
function lastDayOf(kind: string, start: string): string {
  const d = new Date(`${start}T00:00:00Z`);
  if (kind === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + (kind === 'month' ? 1 : 3));
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
