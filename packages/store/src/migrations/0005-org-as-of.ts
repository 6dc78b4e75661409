import { type Kysely, type Migration, sql } from 'kysely';
import { createPersonViewOf0002 } from './0002-analytics';

/**
 * One definition of "who reports to whom on day D": the SQL function `analytics_internal.org_as_of(day)`,
 * what `queryOrgAsOf`, `queryLeaderCounts`, `mergeOrgSnapshot` and the view `analytics.person` read
 * (`OrgChart` of @pushpull/org is its in-memory twin; a test holds them equal). Per person (email) it
 * returns the row with the greatest `valid_from` on or before `day`; a person whose first row starts
 * later is not in the org yet. `manager_person_id` is the manager's person id when the manager is in
 * the org on `day` and is not the person themselves, else NULL.
 *
 * The function runs with its owner's rights (`security definer`): the analyst role reads it only
 * through `analytics.person`; the schema `analytics_internal` grants nobody usage. Its body is bound at
 * creation (`begin atomic`), so no search path can swap the table it reads. Frozen here: this
 * migration ships.
 */
export const orgAsOfMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create function analytics_internal.org_as_of(day date)
      returns table (
        person_id text, email text, name text, manager_email text, manager_person_id text,
        title text, department text, github_login text, slack_id text, valid_from date
      )
      language sql stable security definer
      begin atomic
        with in_force as (
          select distinct on (o.email) o.email, o.person_id, o.name, o.manager_email, o.title,
                 o.department, o.github_login, o.slack_id, o.valid_from
          from public.org_person o
          where o.valid_from <= org_as_of.day
          order by o.email, o.valid_from desc
        )
        select p.person_id, p.email, p.name, p.manager_email, m.person_id, p.title, p.department,
               p.github_login, p.slack_id, p.valid_from
        from in_force p
        left join in_force m on m.email = p.manager_email and m.email <> p.email
        order by p.email;
      end`.execute(db);

    // Same columns as 0002's view; the only change: a person listed as their own manager has none.
    await sql`create or replace view analytics.person as
      with in_force as (
        select * from analytics_internal.org_as_of((now() at time zone 'UTC')::date)
      ),
      reports as (
        select manager_person_id, count(*)::integer as n
        from in_force
        where manager_person_id is not null
        group by manager_person_id
      )
      select c.person_id, c.name, c.email, c.manager_person_id, c.title, c.department,
             coalesce(r.n, 0) > 0 as is_leader, coalesce(r.n, 0) as direct_reports
      from in_force c
      left join reports r on r.manager_person_id = c.person_id`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await createPersonViewOf0002(db, true);
    await sql`drop function analytics_internal.org_as_of(date)`.execute(db);
  },
};
