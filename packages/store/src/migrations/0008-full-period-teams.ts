import { type Kysely, type Migration, sql } from 'kysely';
import { ANALYST_ROLE } from './0002-analytics';
import { rated, SETTINGS } from './0004-label-correction';

/**
 * The minimum group size of team figures (@pushpull/metrics DEFAULT_MIN_GROUP_SIZE; a test keeps them
 * equal). Frozen here: this migration ships.
 */
export const VIEW_MIN_GROUP_SIZE = 5;

/** The columns of `analytics.leader_profile` as 0004 made them, in order; the team ones are recomputed. */
const PROFILE_COLUMNS = [
  'person_id',
  'period_kind',
  'period_start',
  'upward_proactivity',
  'downward_pull_share',
  'external_pull_share',
  'push_only',
  'team_upward_proactivity',
  'band_up',
  'band_down',
  'band_peer',
  'band_external',
  'upward_proactivity_corrected',
  'upward_proactivity_low',
  'upward_proactivity_high',
  'downward_pull_share_corrected',
  'downward_pull_share_low',
  'downward_pull_share_high',
  'external_pull_share_corrected',
  'external_pull_share_low',
  'external_pull_share_high',
  'team_upward_proactivity_corrected',
  'team_upward_proactivity_low',
  'team_upward_proactivity_high',
  'push_only_corrected',
] as const;

/**
 * SQL true when a team figure from `n` reports with data, `alone` of them sub-leaders (shown on their
 * own), may be shown: `groupWithheld` of @pushpull/metrics is null.
 */
const groupShown = (n: string, alone: string) =>
  `(${n} >= ${VIEW_MIN_GROUP_SIZE} and (${n} - ${alone} = 0 or ${n} - ${alone} >= ${VIEW_MIN_GROUP_SIZE}))`;

/**
 * Differencing closed in the analytics views (issue 14, findings 2 and 9):
 * - `analytics_internal.full_period_reports(first_day, last_day)`: the one definition of "a leader's team
 *   over a period" — the people who reported to the same manager on every day from `first_day` to
 *   `last_day` (joiners, leavers and movers within the period are left out), each with `is_leader` (has
 *   direct reports on `last_day`: their own figures are shown). `queryFullPeriodReports` (dashboard, CLI)
 *   reads it.
 * - `analytics.leader_profile`: its team columns count only those reports (per period; a running period
 *   up to today) and follow the group rule of @pushpull/metrics (`groupWithheld`): null unless at least
 *   VIEW_MIN_GROUP_SIZE reports have data, and unless the reports with data besides the sub-leaders are
 *   none or at least that many. Before, they were medians over today's reports, from as few as one.
 * 0004's view stays as `analytics_internal.leader_profile_0004` for the leader's own columns.
 */
export const fullPeriodTeamsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create function analytics_internal.full_period_reports(first_day date, last_day date)
      returns table (person_id text, manager_person_id text, is_leader boolean)
      language sql stable security definer
      begin atomic
        with at_end as (
          select * from analytics_internal.org_as_of(full_period_reports.last_day)
        ),
        at_start as (
          select * from analytics_internal.org_as_of(full_period_reports.first_day)
        ),
        led as (
          select distinct manager_person_id from at_end where manager_person_id is not null
        )
        select e.person_id, e.manager_person_id, (l.manager_person_id is not null) as is_leader
        from at_end e
        join at_start s on s.email = e.email and s.manager_person_id = e.manager_person_id
        left join led l on l.manager_person_id = e.person_id
        where not exists (
          select from public.org_person o
          where o.email = e.email and o.valid_from > full_period_reports.first_day
            and o.valid_from <= full_period_reports.last_day
            and o.manager_email is distinct from e.manager_email
        )
        order by e.person_id;
      end`.execute(db);

    // Each period with data (week, month, quarter), its reports over the whole period (up to today).
    await sql`create view analytics_internal.period_report as
      with period as (
        select distinct k.period_kind, date_trunc(k.period_kind, r.day::timestamp)::date as period_start
        from rollup_daily r cross join (values ('week'), ('month'), ('quarter')) as k(period_kind)
      ),
      bounds as (
        select period_kind, period_start,
               least((period_start + case period_kind when 'week' then interval '7 days'
                                                    when 'month' then interval '1 month'
                                                    else interval '3 months' end)::date - 1,
                     (now() at time zone 'UTC')::date) as last_day
        from period
      )
      select b.period_kind, b.period_start, m.person_id, m.manager_person_id, m.is_leader
      from bounds b
      cross join lateral analytics_internal.full_period_reports(b.period_start, b.last_day) m
      where b.last_day >= b.period_start`.execute(db);

    await sql
      .raw(`create view analytics_internal.team_figure as
      with e as (
        select e.person_id, e.period_kind, e.period_start,
               case when e.push > 0 and e.push >= s.min_volume
                    then e.proactive_push::double precision / e.push end as proactivity,
               e.pr_corrected, e.pr_low, e.pr_high, ${rated('e', 'pr')} as pr_rated
        from analytics_internal.estimate e cross join ${SETTINGS}
        where e.direction = 'up'
      )
      select m.manager_person_id as person_id, m.period_kind, m.period_start,
             percentile_cont(0.5) within group (order by e.proactivity) as raw_median,
             count(e.proactivity) as raw_n,
             count(e.proactivity) filter (where m.is_leader) as raw_alone,
             percentile_cont(0.5) within group (order by e.pr_corrected) filter (where e.pr_rated) as corrected,
             percentile_cont(0.5) within group (order by e.pr_low) filter (where e.pr_rated) as low,
             percentile_cont(0.5) within group (order by e.pr_high) filter (where e.pr_rated) as high,
             count(*) filter (where e.pr_rated) as rated_n,
             count(*) filter (where e.pr_rated and m.is_leader) as rated_alone
      from analytics_internal.period_report m
      join e on e.person_id = m.person_id and e.period_kind = m.period_kind and e.period_start = m.period_start
      group by m.manager_person_id, m.period_kind, m.period_start`)
      .execute(db);

    await sql`alter view analytics.leader_profile set schema analytics_internal`.execute(db);
    await sql`alter view analytics_internal.leader_profile rename to leader_profile_0004`.execute(db);
    const raw = groupShown('t.raw_n', 't.raw_alone');
    const corrected = groupShown('t.rated_n', 't.rated_alone');
    const column = (c: string) => {
      if (c === 'team_upward_proactivity') return `case when ${raw} then t.raw_median end as ${c}`;
      if (c === 'team_upward_proactivity_corrected')
        return `case when ${corrected} then t.corrected end as ${c}`;
      if (c === 'team_upward_proactivity_low') return `case when ${corrected} then t.low end as ${c}`;
      if (c === 'team_upward_proactivity_high') return `case when ${corrected} then t.high end as ${c}`;
      return `b.${c}`;
    };
    await sql
      .raw(`create view analytics.leader_profile as
      select ${PROFILE_COLUMNS.map(column).join(',\n             ')}
      from analytics_internal.leader_profile_0004 b
      left join analytics_internal.team_figure t
        on t.person_id = b.person_id and t.period_kind = b.period_kind and t.period_start = b.period_start`)
      .execute(db);
    await grantAnalyticsToAnalyst(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop view analytics.leader_profile`.execute(db);
    await sql`alter view analytics_internal.leader_profile_0004 rename to leader_profile`.execute(db);
    await sql`alter view analytics_internal.leader_profile set schema analytics`.execute(db);
    await sql`drop view analytics_internal.team_figure`.execute(db);
    await sql`drop view analytics_internal.period_report`.execute(db);
    await sql`drop function analytics_internal.full_period_reports(date, date)`.execute(db);
    await grantAnalyticsToAnalyst(db);
  },
};

/** Grants `pushpull_analyst` every view of `analytics` when the role exists (0008, 0009). */
export async function grantAnalyticsToAnalyst(db: Kysely<unknown>): Promise<void> {
  await sql`do $$
    begin
      if exists (select from pg_roles where rolname = ${sql.lit(ANALYST_ROLE)}) then
        grant select on all tables in schema analytics to ${sql.id(ANALYST_ROLE)};
      end if;
    end
  $$`.execute(db);
}
