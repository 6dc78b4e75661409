import { type Kysely, sql } from 'kysely';
import { assertIsoDate } from './iso-date';
import type { DB } from './schema';

/**
 * One person's org-chart row in force on a day, as the SQL function `analytics_internal.org_as_of`
 * (migration 0005) returns it: the row with the greatest `valid_from` on or before the day.
 */
export interface OrgRowAsOf {
  person_id: string;
  email: string;
  name: string | null;
  manager_email: string | null;
  /** The manager's person id when the manager is in the org that day and is someone else, else null. */
  manager_person_id: string | null;
  title: string | null;
  department: string | null;
  github_login: string | null;
  slack_id: string | null;
  /** 'YYYY-MM-DD'; ALWAYS ('0001-01-01') for a row valid always. */
  valid_from: string;
}

/**
 * Everyone in the org chart on `day` ('YYYY-MM-DD'), ordered by email: the one place the store answers
 * "who reports to whom on day D" (the SQL function `org_as_of`, which `analytics.person` reads too).
 * Internal to the store; callers use `queryOrgAsOf`.
 *
 * @example const rows = await selectOrgAsOf(tx, '2026-05-01');
 */
export async function selectOrgAsOf(db: Kysely<DB>, day: string): Promise<OrgRowAsOf[]> {
  const date = assertIsoDate(day, 'asOf');
  const result = await sql<OrgRowAsOf>`
    select person_id, email, name, manager_email, manager_person_id, title, department,
           github_login, slack_id, valid_from
    from analytics_internal.org_as_of(${date}::date)
    order by email`.execute(db);
  return result.rows;
}

/** One person of the org chart as of a date (the row with the greatest `valid_from` on or before it). */
export interface OrgMember {
  personId: string;
  email: string;
  name: string | null;
  /** The manager's person id, or null at the top of a tree (and for a person listed as their own manager). */
  managerPersonId: string | null;
  /** The department column of the org chart row in effect, or null. */
  department: string | null;
}

/**
 * The whole org chart as of `asOf` (one row per person), ordered by email.
 *
 * @example const org = await queryOrgAsOf(store.db, '2026-08-31'); org.filter((p) => p.managerPersonId === 'p:lea@acme.io')
 */
export async function queryOrgAsOf(db: Kysely<DB>, asOf: string): Promise<OrgMember[]> {
  return (await selectOrgAsOf(db, asOf)).map((r) => ({
    personId: r.person_id,
    email: r.email,
    name: r.name,
    managerPersonId: r.manager_person_id,
    department: r.department,
  }));
}
