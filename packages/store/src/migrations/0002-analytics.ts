import { type Kysely, type Migration, sql } from 'kysely';

/** The database role of people analysts (docs/contracts.md §11): reads the `analytics` views and nothing else. */
export const ANALYST_ROLE = 'pushpull_analyst';

/**
 * Metric settings the analytics views read, seeded with the defaults of @pushpull/metrics
 * (DEFAULT_MIN_VOLUME, DEFAULT_BANDS; a test keeps them equal). Frozen here: this migration ships.
 */
const SEED_SETTINGS: readonly (readonly [string, number])[] = [
  ['min_volume', 5],
  ['band_up_low', 0.6],
  ['band_up_high', 0.9],
  ['band_down_low', 0.3],
  ['band_down_high', 0.6],
  ['band_peer_low', 0.4],
  ['band_peer_high', 0.6],
  ['band_external_low', 0.3],
  ['band_external_high', 0.6],
];

/** The push share above which a direction counts as push-only (@pushpull/metrics PUSH_ONLY_THRESHOLD). */
const PUSH_ONLY_THRESHOLD = 0.9;

/** The week, month and quarter of a UTC date column, as a row source to cross join. */
const PERIOD_KINDS = sql`(values ('week'), ('month'), ('quarter')) as k(period_kind)`;

/**
 * Analytics (docs/contracts.md §11, docs/analytics.md): `labeled_fact.responds_to` (the pull a responsive push
 * answered), `metric_setting` (minimum volume and bands the views use), the schema `analytics` with its
 * views, and the role `pushpull_analyst` that may read those views only. Views run with their owner's
 * rights (the Postgres default), so the analyst needs no grant on any raw table.
 * Runs unchanged on PGlite, where roles and grants exist but nobody else connects.
 */
export const analyticsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('labeled_fact').addColumn('responds_to', 'text').execute();
    await sql`create index labeled_fact_responds_to_idx on labeled_fact (responds_to)
      where responds_to is not null`.execute(db);

    await db.schema
      .createTable('metric_setting')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'double precision', (c) => c.notNull())
      .addCheckConstraint('metric_setting_value_check', sql`value >= 0`)
      .execute();
    await db
      .insertInto('metric_setting' as never)
      .values(SEED_SETTINGS.map(([key, value]) => ({ key, value })) as never)
      .execute();

    await sql`create schema analytics`.execute(db);

    await sql`create view analytics.setting as
      select key, value from metric_setting`.execute(db);

    await createPersonViewOf0002(db);

    await createRatioViewsOf0002(db);

    // Pulls each person received from their direct manager (an edge down at distance 1 of a pull) and
    // the first responsive push of that person that names the pull in responds_to.
    await sql`create view analytics.manager_pulls as
      with pulled as (
        select distinct f.event_id, f.occurred_at, e.target_person_id as person_id
        from labeled_fact f join edge_fact e on e.event_id = f.event_id
        where f.mode = 'pull' and f.actor_person_id is not null and e.direction = 'down'
          and e.distance = 1 and not e.broadcast and e.target_person_id is not null
      ),
      answered as (
        select p.person_id, p.occurred_at,
               (select min(a.occurred_at) from labeled_fact a
                 where a.responds_to = p.event_id and a.actor_person_id = p.person_id
                   and a.mode = 'push' and a.occurred_at >= p.occurred_at) as answered_at
        from pulled p
      ),
      counts as (
        select a.person_id, k.period_kind,
               date_trunc(k.period_kind, (a.occurred_at at time zone 'UTC')::date::timestamp)::date as period_start,
               count(*)::integer as pulls_received,
               count(a.answered_at)::integer as answered,
               percentile_cont(0.5) within group (
                 order by extract(epoch from a.answered_at - a.occurred_at) / 3600.0
               ) as median_hours
        from answered a cross join ${PERIOD_KINDS}
        group by a.person_id, k.period_kind,
                 date_trunc(k.period_kind, (a.occurred_at at time zone 'UTC')::date::timestamp)
      )
      select c.person_id, c.period_kind, c.period_start, c.pulls_received, c.answered,
             case when c.pulls_received >= s.value
                  then least(c.answered, c.pulls_received)::double precision / c.pulls_received end
               as answered_share,
             case when c.answered > 0 and c.answered >= s.value then c.median_hours::double precision end
               as median_response_hours
      from counts c
      cross join (select value from metric_setting where key = 'min_volume') s`.execute(db);

    // The analyst role: created when missing (it is cluster-wide, so another database of the same
    // server may have made it already, maybe at this very moment), never given a login here.
    // A migrating user without CREATEROLE skips it with a warning; docs/analytics.md has the SQL.
    await sql`do $$
      begin
        if not exists (select from pg_roles where rolname = ${sql.lit(ANALYST_ROLE)}) then
          begin
            create role ${sql.id(ANALYST_ROLE)} nologin;
          exception
            when duplicate_object or unique_violation then null;
            when insufficient_privilege then
              raise warning 'pushpull: cannot create role %; see docs/analytics.md', ${sql.lit(ANALYST_ROLE)};
          end;
        end if;
      end
    $$`.execute(db);
    await sql`revoke all on schema analytics from public`.execute(db);
    await sql`do $$
      begin
        if exists (select from pg_roles where rolname = ${sql.lit(ANALYST_ROLE)}) then
          revoke all on all tables in schema public from ${sql.id(ANALYST_ROLE)};
          grant usage on schema analytics to ${sql.id(ANALYST_ROLE)};
          grant select on all tables in schema analytics to ${sql.id(ANALYST_ROLE)};
        end if;
      end
    $$`.execute(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    // The role stays: it is shared by every database of the server.
    await sql`drop schema if exists analytics cascade`.execute(db);
    await db.schema.dropTable('metric_setting').ifExists().execute();
    await sql`drop index if exists labeled_fact_responds_to_idx`.execute(db);
    await db.schema.alterTable('labeled_fact').dropColumn('responds_to').execute();
  },
};

/**
 * The 0002 definition of `analytics.person`: the org chart as of today (UTC), each person's row with
 * the greatest valid_from on or before it. 0005 replaces it (reading `org_as_of`); its `down` restores
 * this one (`orReplace`).
 */
export async function createPersonViewOf0002(db: Kysely<unknown>, orReplace = false): Promise<void> {
  await sql`create ${orReplace ? sql`or replace ` : sql``}view analytics.person as
    with current_row as (
      select distinct on (email) email, person_id, name, manager_email, title, department
      from org_person
      where valid_from <= (now() at time zone 'UTC')::date
      order by email, valid_from desc
    ),
    reports as (
      select manager_email, count(*)::integer as n
      from current_row
      where manager_email is not null and manager_email <> email
      group by manager_email
    )
    select c.person_id, c.name, c.email, m.person_id as manager_person_id, c.title, c.department,
           coalesce(r.n, 0) > 0 as is_leader, coalesce(r.n, 0) as direct_reports
    from current_row c
    left join current_row m on m.email = c.manager_email
    left join reports r on r.manager_email = c.email`.execute(db);
}

/**
 * The 0002 definitions of `analytics.balance_by_source`, `analytics.balance` and
 * `analytics.leader_profile` (uncorrected figures, bands on the point estimate). 0004 replaces them
 * with corrected figures and intervals; its `down` restores these.
 */
export async function createRatioViewsOf0002(db: Kysely<unknown>): Promise<void> {
  await sql`create view analytics.balance_by_source as
      select r.person_id, k.period_kind,
             date_trunc(k.period_kind, r.day::timestamp)::date as period_start,
             r.direction, r.source,
             coalesce(sum(r.events) filter (where r.mode = 'push'), 0)::integer as push,
             coalesce(sum(r.events) filter (where r.mode = 'pull'), 0)::integer as pull,
             coalesce(sum(r.events) filter (where r.mode = 'neutral'), 0)::integer as neutral,
             coalesce(sum(r.events) filter (where r.mode = 'push' and r.initiative = 'proactive'), 0)::integer
               as proactive_push,
             coalesce(sum(r.events) filter (where r.mode = 'push' and r.initiative = 'responsive'), 0)::integer
               as responsive_push
      from rollup_daily r cross join ${PERIOD_KINDS}
      group by r.person_id, k.period_kind, date_trunc(k.period_kind, r.day::timestamp), r.direction, r.source`.execute(
    db,
  );

  await sql`create view analytics.balance as
      with counts as (
        select person_id, period_kind, period_start, direction,
               sum(push)::integer as push, sum(pull)::integer as pull, sum(neutral)::integer as neutral,
               sum(proactive_push)::integer as proactive_push, sum(responsive_push)::integer as responsive_push
        from analytics.balance_by_source
        group by person_id, period_kind, period_start, direction
      )
      select c.person_id, c.period_kind, c.period_start, c.direction, c.push, c.pull, c.neutral,
             c.proactive_push, c.responsive_push,
             case when c.push + c.pull > 0 and c.push + c.pull >= s.value
                  then c.push::double precision / (c.push + c.pull) end as push_share
      from counts c
      cross join (select value from metric_setting where key = 'min_volume') s`.execute(db);

  await sql`create view analytics.leader_profile as
      with s as (
        select max(value) filter (where key = 'min_volume') as min_volume,
               max(value) filter (where key = 'band_up_low') as up_low,
               max(value) filter (where key = 'band_up_high') as up_high,
               max(value) filter (where key = 'band_down_low') as down_low,
               max(value) filter (where key = 'band_down_high') as down_high,
               max(value) filter (where key = 'band_peer_low') as peer_low,
               max(value) filter (where key = 'band_peer_high') as peer_high,
               max(value) filter (where key = 'band_external_low') as external_low,
               max(value) filter (where key = 'band_external_high') as external_high
        from metric_setting
      ),
      leader as (select person_id from analytics.person where is_leader),
      report as (
        select person_id, manager_person_id from analytics.person where manager_person_id is not null
      ),
      own as (
        select b.person_id, b.period_kind, b.period_start,
               sum(b.push) filter (where b.direction = 'up') as up_push,
               sum(b.proactive_push) filter (where b.direction = 'up') as up_proactive,
               sum(b.pull) filter (where b.direction = 'down') as down_pull,
               sum(b.push + b.pull) filter (where b.direction = 'down') as down_volume,
               sum(b.pull) filter (where b.direction = 'external') as external_pull,
               sum(b.push + b.pull) filter (where b.direction = 'external') as external_volume,
               max(b.push_share) filter (where b.direction = 'up') as up_share,
               max(b.push_share) filter (where b.direction = 'down') as down_share,
               max(b.push_share) filter (where b.direction = 'peer') as peer_share,
               max(b.push_share) filter (where b.direction = 'external') as external_share,
               count(*) filter (where b.direction in ('up', 'down', 'peer', 'lateral', 'external')
                                  and b.push_share is not null) as rated_directions,
               coalesce(bool_and(b.push_share > ${sql.lit(PUSH_ONLY_THRESHOLD)})
                          filter (where b.direction in ('up', 'down', 'peer', 'lateral', 'external')
                                    and b.push_share is not null), false) as all_pushy
        from analytics.balance b join leader l on l.person_id = b.person_id
        group by b.person_id, b.period_kind, b.period_start
      ),
      report_proactivity as (
        select r.manager_person_id as person_id, b.period_kind, b.period_start,
               b.proactive_push::double precision / b.push as upward_proactivity
        from analytics.balance b
        join report r on r.person_id = b.person_id
        cross join s
        where b.direction = 'up' and b.push > 0 and b.push >= s.min_volume
      ),
      team as (
        select person_id, period_kind, period_start,
               percentile_cont(0.5) within group (order by upward_proactivity) as team_upward_proactivity
        from report_proactivity
        group by person_id, period_kind, period_start
      ),
      team_period as (
        select r.manager_person_id as person_id, b.period_kind, b.period_start
        from analytics.balance b join report r on r.person_id = b.person_id
      ),
      period as (
        select person_id, period_kind, period_start from own
        union
        select t.person_id, t.period_kind, t.period_start from team_period t join leader l using (person_id)
      )
      select p.person_id, p.period_kind, p.period_start,
             case when o.up_push > 0 and o.up_push >= s.min_volume
                  then o.up_proactive::double precision / o.up_push end as upward_proactivity,
             case when o.down_volume > 0 and o.down_volume >= s.min_volume
                  then o.down_pull::double precision / o.down_volume end as downward_pull_share,
             case when o.external_volume > 0 and o.external_volume >= s.min_volume
                  then o.external_pull::double precision / o.external_volume end as external_pull_share,
             coalesce(o.all_pushy and o.rated_directions >= 2, false) as push_only,
             t.team_upward_proactivity,
             case when o.up_share is null then 'not enough data'
                  when o.up_share > s.up_high then 'too pushy'
                  when o.up_share < s.up_low then 'too pully' else 'in band' end as band_up,
             case when o.down_share is null then 'not enough data'
                  when o.down_share > s.down_high then 'too pushy'
                  when o.down_share < s.down_low then 'too pully' else 'in band' end as band_down,
             case when o.peer_share is null then 'not enough data'
                  when o.peer_share > s.peer_high then 'too pushy'
                  when o.peer_share < s.peer_low then 'too pully' else 'in band' end as band_peer,
             case when o.external_share is null then 'not enough data'
                  when o.external_share > s.external_high then 'too pushy'
                  when o.external_share < s.external_low then 'too pully' else 'in band' end as band_external
      from period p
      cross join s
      left join own o using (person_id, period_kind, period_start)
      left join team t using (person_id, period_kind, period_start)`.execute(db);
}
