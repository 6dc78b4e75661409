import type { Kysely } from 'kysely';
import { chunkRows } from './chunk-rows';
import { assertIsoDate, todayUtc } from './iso-date';
import { selectOrgAsOf } from './org-as-of';
import type { DB } from './schema';

/** Event counts of one person in one direction. Push = proactive + responsive (+ push without initiative). */
export interface DirectionCounts {
  push: number;
  pull: number;
  neutral: number;
  proactivePush: number;
  responsivePush: number;
}

/** Counts by direction ('up', 'down', 'peer', 'lateral', 'external', 'unknown', 'broadcast', 'none'). */
export type CountsByDirection = Record<string, DirectionCounts>;

/** One person's activity in a date range. */
export interface PersonCounts {
  personId: string;
  counts: CountsByDirection;
}

/** One leader (a person with at least one direct report) and their activity in a date range. */
export interface LeaderCounts extends PersonCounts {
  email: string;
  name: string | null;
  /** Direct reports as of the `asOf` date. */
  reports: number;
}

/** A date range: `from` inclusive, `to` exclusive, both 'YYYY-MM-DD' (UTC days). */
export interface DateRange {
  from: string;
  to: string;
}

function emptyCounts(): DirectionCounts {
  return { push: 0, pull: 0, neutral: 0, proactivePush: 0, responsivePush: 0 };
}

/** One summed rollup row: a person's events of one direction × mode × initiative. */
export interface CountRow {
  person_id: string;
  direction: string;
  mode: string;
  initiative: string;
  events: number | string | bigint | null;
}

/** Adds a rollup row's events to a person's counts (push split by initiative). Internal to the store. */
export function addRow(into: CountsByDirection, row: CountRow): void {
  const counts = into[row.direction] ?? emptyCounts();
  const n = Number(row.events ?? 0);
  if (row.mode === 'push') {
    counts.push += n;
    if (row.initiative === 'proactive') counts.proactivePush += n;
    else if (row.initiative === 'responsive') counts.responsivePush += n;
  } else if (row.mode === 'pull') {
    counts.pull += n;
  } else if (row.mode === 'neutral') {
    counts.neutral += n;
  }
  into[row.direction] = counts;
}

/**
 * Sums rollup_daily over days and sources in the range, per person × direction × mode × initiative.
 * Internal to the store (not exported from its index).
 */
export function countRows(db: Kysely<DB>, range: DateRange) {
  return db
    .selectFrom('rollup_daily')
    .select([
      'person_id',
      'direction',
      'mode',
      'initiative',
      (eb) => eb.fn.sum<number>('events').as('events'),
    ])
    .where('day', '>=', assertIsoDate(range.from, 'from'))
    .where('day', '<', assertIsoDate(range.to, 'to'))
    .groupBy(['person_id', 'direction', 'mode', 'initiative']);
}

/**
 * Per-direction counts of every person with activity in the range (summed over sources and days),
 * ordered by person id.
 *
 * @example
 * const rows = await queryPersonCounts(store.db, { from: '2024-04-01', to: '2024-07-01' });
 * rows[0].counts.up?.push // 12
 */
export async function queryPersonCounts(db: Kysely<DB>, range: DateRange): Promise<PersonCounts[]> {
  const rows = await countRows(db, range).execute();
  const byPerson = new Map<string, CountsByDirection>();
  for (const row of rows) {
    const counts = byPerson.get(row.person_id) ?? {};
    addRow(counts, row);
    byPerson.set(row.person_id, counts);
  }
  return [...byPerson.keys()].sort().map((personId) => ({ personId, counts: byPerson.get(personId) ?? {} }));
}

/**
 * One row per leader — a person with at least one direct report in the org chart as of `asOf`
 * (default today, UTC), where each person's row is the one with the greatest `valid_from` on or
 * before `asOf` — with their per-direction counts in `[from, to)` summed over sources and days.
 * Leaders without activity are included with empty counts. Ordered by email.
 *
 * @example
 * const leaders = await queryLeaderCounts(store.db, { from: '2024-04-01', to: '2024-07-01', asOf: '2024-06-30' });
 * // [{ personId: 'p:lea@acme.io', email: 'lea@acme.io', name: 'Lea', reports: 4, counts: { down: { pull: 9, ... } } }]
 */
export async function queryLeaderCounts(
  db: Kysely<DB>,
  options: DateRange & { asOf?: string },
): Promise<LeaderCounts[]> {
  const org = await selectOrgAsOf(db, options.asOf ?? todayUtc());
  const reports = new Map<string, number>();
  for (const p of org) {
    if (p.manager_person_id) reports.set(p.manager_person_id, (reports.get(p.manager_person_id) ?? 0) + 1);
  }
  const leaders = org.filter((p) => reports.has(p.person_id));
  if (leaders.length === 0) return [];
  const counts: CountRow[] = [];
  for (const ids of chunkRows(
    leaders.map((l) => l.person_id),
    1,
  )) {
    counts.push(...(await countRows(db, options).where('person_id', 'in', ids).execute()));
  }
  const byPerson = new Map<string, CountsByDirection>();
  for (const row of counts) {
    const into = byPerson.get(row.person_id) ?? {};
    addRow(into, row);
    byPerson.set(row.person_id, into);
  }
  return leaders.map((l) => ({
    personId: l.person_id,
    email: l.email,
    name: l.name,
    reports: reports.get(l.person_id) ?? 0,
    counts: byPerson.get(l.person_id) ?? {},
  }));
}
