import { type Kysely, type Migration, sql } from 'kysely';
import { ANALYST_ROLE } from './0002-analytics';
import { grantAnalyticsToAnalyst } from './0008-full-period-teams';

/** The database role of HR (docs/analytics.md): reads `analytics` and the audited `analytics_identified`. */
export const HR_ROLE = 'pushpull_hr';

/** The per-person views of `analytics` that 0002–0008 made with internal person ids, moved aside here. */
const PERSON_VIEWS = ['balance', 'balance_by_source', 'leader_profile', 'manager_pulls'] as const;

/** The SQL of a pseudonym of the person id `column`, with the pads of `k` (`analytics_internal.pseudonym_pad`). */
const pseudonym = (column: string) => `analytics_internal.pseudonym(k.inner_pad, k.outer_pad, ${column})`;

/**
 * Pseudonymised analytics (issue 14, findings 1 and 5). People analysts work on pseudonymised data:
 * - `analytics_internal.pseudonym_pad`: the HMAC-SHA256 pads of the installation key, one row, written
 *   when a store opens (`ensurePseudonymPads`), never here: a migrated PGlite template is copied into
 *   every new data folder and each installation needs its own key. Until it is written the views are
 *   empty, never named.
 * - `analytics_internal.pseudonym(inner, outer, person_id)`: `pp-` and 12 hex digits of
 *   HMAC-SHA256(key, person_id), the same as `pseudonymOf` of @pushpull/store (a test holds them equal).
 * - The views of 0002–0008 move to `analytics_internal` as `<name>_identified`; `analytics` gets views of
 *   the same names and columns whose person ids (`person_id`, `manager_person_id`) are pseudonyms.
 *   `analytics.person` drops `name` and `email` and gains `level` (managers above, 0 at the top).
 * - `analytics_identified.person`: pseudonym, name and email of today's org chart, for the role
 *   `pushpull_hr` only. Every read writes an `audit_log` row (`analytics_identified.read`, actor
 *   `sql:<login>`) and a server log line (`raise log`), the latter kept even when the reading
 *   transaction rolls back.
 * - Row counts of raw tables: Postgres shows every table's estimated rows and size to every login
 *   (`pg_class.reltuples`/`relpages`, the `pg_stat_*` views and functions, `pg_relation_size`). When
 *   the migrating user is a superuser those are revoked from PUBLIC in this database and granted back
 *   to the migrating user and the database owner; otherwise a warning names the SQL in
 *   docs/analytics.md.
 * Frozen once shipped.
 */
export const pseudonymisedAnalyticsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table analytics_internal.pseudonym_pad (
      id boolean primary key default true check (id),
      inner_pad bytea not null check (length(inner_pad) = 64),
      outer_pad bytea not null check (length(outer_pad) = 64)
    )`.execute(db);
    await sql`create function analytics_internal.pseudonym(inner_pad bytea, outer_pad bytea, person_id text)
      returns text language sql immutable strict parallel safe
      return 'pp-' || left(encode(pg_catalog.sha256(outer_pad || pg_catalog.sha256(inner_pad
        || pg_catalog.convert_to(person_id, 'UTF8'))), 'hex'), 12)`.execute(db);

    for (const view of ['person', ...PERSON_VIEWS]) {
      await sql.raw(`alter view analytics.${view} set schema analytics_internal`).execute(db);
      await sql.raw(`alter view analytics_internal.${view} rename to ${view}_identified`).execute(db);
    }

    await sql
      .raw(`create view analytics.person as
      with recursive p as (
        select * from analytics_internal.person_identified
      ),
      chain as (
        select person_id, 0 as level from p where manager_person_id is null
        union all
        select c.person_id, h.level + 1 from p c join chain h on c.manager_person_id = h.person_id
      )
      select ${pseudonym('p.person_id')} as person_id,
             ${pseudonym('p.manager_person_id')} as manager_person_id,
             p.title, p.department, l.level, p.is_leader, p.direct_reports
      from p
      cross join analytics_internal.pseudonym_pad k
      left join chain l on l.person_id = p.person_id`)
      .execute(db);

    for (const view of PERSON_VIEWS) {
      const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns
        where table_schema = 'analytics_internal' and table_name = ${`${view}_identified`}
        order by ordinal_position`.execute(db);
      const list = columns.rows.map(({ column_name: c }) =>
        c === 'person_id' || c === 'manager_person_id' ? `${pseudonym(`v.${c}`)} as ${c}` : `v.${c}`,
      );
      await sql
        .raw(`create view analytics.${view} as
        select ${list.join(', ')}
        from analytics_internal.${view}_identified v cross join analytics_internal.pseudonym_pad k`)
        .execute(db);
    }

    await sql`create schema analytics_identified`.execute(db);
    await sql`revoke all on schema analytics_identified from public`.execute(db);
    await sql`create function analytics_internal.identified_person()
      returns table (person_id text, name text, email text)
      language plpgsql volatile security definer
      set search_path = pg_catalog, pg_temp
      as $$
      declare
        rows_read integer;
      begin
        return query
          select analytics_internal.pseudonym(k.inner_pad, k.outer_pad, p.person_id), p.name, p.email
          from analytics_internal.person_identified p cross join analytics_internal.pseudonym_pad k
          order by 1;
        get diagnostics rows_read = row_count;
        insert into public.audit_log (actor, action, detail)
          values ('sql:' || session_user, 'analytics_identified.read',
                  jsonb_build_object('view', 'analytics_identified.person', 'rows', rows_read));
        raise log 'pushpull audit: % read analytics_identified.person (% rows)', session_user, rows_read;
        return;
      end
      $$`.execute(db);
    await sql`revoke all on function analytics_internal.identified_person() from public`.execute(db);
    await sql`create view analytics_identified.person as
      select person_id, name, email from analytics_internal.identified_person()`.execute(db);

    await sql`do $$
      begin
        if not exists (select from pg_roles where rolname = ${sql.lit(HR_ROLE)}) then
          begin
            create role ${sql.id(HR_ROLE)} nologin;
          exception
            when duplicate_object or unique_violation then null;
            when insufficient_privilege then
              raise warning 'pushpull: cannot create role %; see docs/analytics.md', ${sql.lit(HR_ROLE)};
          end;
        end if;
        if exists (select from pg_roles where rolname = ${sql.lit(HR_ROLE)}) then
          revoke all on all tables in schema public from ${sql.id(HR_ROLE)};
          grant usage on schema analytics, analytics_identified to ${sql.id(HR_ROLE)};
          grant select on all tables in schema analytics to ${sql.id(HR_ROLE)};
          grant select on all tables in schema analytics_identified to ${sql.id(HR_ROLE)};
          grant execute on function analytics_internal.identified_person() to ${sql.id(HR_ROLE)};
        end if;
        if exists (select from pg_roles where rolname = ${sql.lit(ANALYST_ROLE)}) then
          grant select on all tables in schema analytics to ${sql.id(ANALYST_ROLE)};
        end if;
      end
    $$`.execute(db);

    await hideRowCounts(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await showRowCounts(db);
    await sql`drop schema analytics_identified cascade`.execute(db);
    await sql`drop function analytics_internal.identified_person()`.execute(db);
    for (const view of ['person', ...PERSON_VIEWS]) {
      await sql.raw(`drop view analytics.${view}`).execute(db);
    }
    for (const view of ['person', ...PERSON_VIEWS]) {
      await sql.raw(`alter view analytics_internal.${view}_identified rename to ${view}`).execute(db);
      await sql.raw(`alter view analytics_internal.${view} set schema analytics`).execute(db);
    }
    await sql`drop function analytics_internal.pseudonym(bytea, bytea, text)`.execute(db);
    await sql`drop table analytics_internal.pseudonym_pad`.execute(db);
    await grantAnalyticsToAnalyst(db);
  },
};

/** The columns of `pg_class` that tell a table's size: estimated rows, pages, all-visible pages. */
const SIZE_COLUMNS = ['reltuples', 'relpages', 'relallvisible'];

/**
 * The catalog views that show per-table statistics (`pg_stat_*`, `pg_statio_*`), as a query of their
 * names; not `pg_stats` (it already shows only what the reader may read) nor the session views
 * (`pg_stat_activity`, `pg_stat_ssl`, `pg_stat_gssapi`).
 */
const STATISTICS_VIEWS = `select c.oid::regclass from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'pg_catalog' and c.relkind = 'v'
          and (c.relname like 'pg\\_stat\\_%' or c.relname like 'pg\\_statio\\_%')
          and c.relname <> 'pg_stats' and c.relname not like 'pg\\_stats\\_%'
          and c.relname not in ('pg_stat_activity', 'pg_stat_ssl', 'pg_stat_gssapi')`;

/** The functions that tell a table's row counts or size by its oid, as a query of their signatures. */
const SIZE_FUNCTIONS = `select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'pg_catalog'
          and ((p.proname like 'pg\\_stat\\_get\\_%' and p.pronargs = 1 and p.proargtypes[0] = 'oid'::regtype)
               or p.proname in ('pg_relation_size', 'pg_table_size', 'pg_indexes_size', 'pg_total_relation_size'))`;

/**
 * Revokes from PUBLIC, in this database, what shows a table's row count or size to a login that may not
 * read the table (finding 18), and grants it back to the migrating user and the database owner. Only a
 * superuser may change the rights of the system catalogs: anyone else gets a warning.
 */
async function hideRowCounts(db: Kysely<unknown>): Promise<void> {
  const size = SIZE_COLUMNS.map((c) => `'${c}'`).join(', ');
  await sql
    .raw(`do $$
    declare
      owner_name text;
      visible text;
      f regprocedure;
      v regclass;
    begin
      if not (select rolsuper from pg_roles where rolname = current_user) then
        raise warning 'pushpull: not a superuser, so table row counts stay visible to every login; see docs/analytics.md';
        return;
      end if;
      select pg_get_userbyid(datdba) into owner_name from pg_database where datname = current_database();
      select string_agg(quote_ident(attname), ', ' order by attnum) into visible
        from pg_attribute
        where attrelid = 'pg_catalog.pg_class'::regclass and attnum > 0 and not attisdropped
          and attname not in (${size});
      revoke select on pg_catalog.pg_class from public;
      execute format('grant select (%s) on pg_catalog.pg_class to public', visible);
      execute format('grant select on pg_catalog.pg_class to %I, %I', current_user, owner_name);
      for v in
        ${STATISTICS_VIEWS}
      loop
        execute format('revoke select on %s from public', v);
        execute format('grant select on %s to %I, %I', v, current_user, owner_name);
      end loop;
      for f in
        ${SIZE_FUNCTIONS}
      loop
        execute format('revoke execute on function %s from public', f);
        execute format('grant execute on function %s to %I, %I', f, current_user, owner_name);
      end loop;
    end
  $$`)
    .execute(db);
}

/** Undoes {@link hideRowCounts}: PUBLIC may read the catalogs' size figures again. */
async function showRowCounts(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`do $$
    declare
      f regprocedure;
      v regclass;
    begin
      if not (select rolsuper from pg_roles where rolname = current_user) then
        return;
      end if;
      grant select on pg_catalog.pg_class to public;
      for v in
        ${STATISTICS_VIEWS}
      loop
        execute format('grant select on %s to public', v);
      end loop;
      for f in
        ${SIZE_FUNCTIONS}
      loop
        execute format('grant execute on function %s to public', f);
      end loop;
    end
  $$`)
    .execute(db);
}
