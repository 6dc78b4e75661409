import {
  type DirectionCounts,
  type LeaderProfile,
  type LeaderProfileSettings,
  leaderProfile,
  type SourceDirectionCounts,
} from '@pushpull/metrics';
import { sql } from 'kysely';
import type { Store } from '../open-store';

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
  const rows = (await sql<SourceRow>`select * from analytics.balance_by_source`.execute(store.db)).rows;
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
 * leader's and their direct reports' per `analytics.person`, same period), with a label for messages.
 *
 * @example for (const { row, profile, at } of await viewProfiles(store, {})) expect(row.push_only, at).toBe(profile.raw.pushOnly);
 */
export async function viewProfiles(
  store: Store,
  settings: LeaderProfileSettings,
): Promise<{ row: Record<string, unknown>; profile: LeaderProfile; at: string }[]> {
  const { countsOf } = await viewSourceCounts(store);
  const people = (
    await sql<{ person_id: string; manager_person_id: string | null }>`
      select person_id, manager_person_id from analytics.person`.execute(store.db)
  ).rows;
  const rows = (await sql<Record<string, unknown>>`select * from analytics.leader_profile`.execute(store.db))
    .rows;
  return rows.map((row) => {
    const [personId, kind, start] = [row.person_id, row.period_kind, row.period_start] as string[];
    const reports = people.filter((q) => q.manager_person_id === personId).map((q) => q.person_id);
    return {
      row,
      profile: leaderProfile(
        countsOf(personId as string, kind as string, start as string),
        reports.map((r) => countsOf(r, kind as string, start as string)),
        settings,
      ),
      at: `${personId} ${kind} ${start}`,
    };
  });
}
