import { type Kysely, sql } from 'kysely';
import { assertIsoDate } from './iso-date';
import type { DB } from './schema';

/** A person who reported to the same manager for a whole period. */
export interface FullPeriodReport {
  personId: string;
  managerPersonId: string;
  /** The person has direct reports on the period's last day: their own figures are shown as a leader's. */
  isLeader: boolean;
}

/**
 * Who counts in a team figure over a period (issue 14, finding 2): the people who reported to the same
 * manager on every day from `firstDay` to `lastDay` (both 'YYYY-MM-DD', included), by person id. Joiners,
 * leavers and movers within the period are left out, so that two periods' team figures never differ by
 * one member's. The SQL function `analytics_internal.full_period_reports` (migration 0008) is the one
 * definition; the analytics view `leader_profile` reads it too.
 *
 * @example const stable = await queryFullPeriodReports(store.db, '2026-07-01', '2026-09-30'); stable.get('p:dev@acme.io')?.managerPersonId
 */
export async function queryFullPeriodReports(
  db: Kysely<DB>,
  firstDay: string,
  lastDay: string,
): Promise<Map<string, FullPeriodReport>> {
  const first = assertIsoDate(firstDay, 'firstDay');
  const last = assertIsoDate(lastDay, 'lastDay');
  const result = await sql<{ person_id: string; manager_person_id: string; is_leader: boolean }>`
    select person_id, manager_person_id, is_leader
    from analytics_internal.full_period_reports(${first}::date, ${last}::date)`.execute(db);
  return new Map(
    result.rows.map((r) => [
      r.person_id,
      { personId: r.person_id, managerPersonId: r.manager_person_id, isLeader: r.is_leader },
    ]),
  );
}
