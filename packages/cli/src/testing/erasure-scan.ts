import type { Store } from '@pushpull/store';
import { sql } from 'kysely';

/** A table and how many of its rows contain a needle. */
export interface NamingRows {
  table: string;
  needle: string;
  rows: number;
}

/**
 * Test helper, what a `pg_dump` would show: every base table of every non-system schema, each row cast
 * to text, searched case-insensitively for each needle (an address, a login, a name). Returns the
 * tables that still hold one; empty when the person left no trace in the rows.
 *
 * @example expect(await rowsNaming(store, ['lea@acme.io', 'Lea Lead'])).toEqual([]);
 */
export async function rowsNaming(store: Store, needles: readonly string[]): Promise<NamingRows[]> {
  const tables = await sql<{ schema: string; name: string }>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
      and table_schema not like 'pg_%'
    order by 1, 2`.execute(store.db);
  const found: NamingRows[] = [];
  for (const t of tables.rows) {
    for (const needle of needles) {
      const r = await sql<{ n: number }>`
        select count(*)::integer as n from ${sql.table(`${t.schema}.${t.name}`)} t
        where position(${needle.toLowerCase()} in lower(t::text)) > 0`.execute(store.db);
      const rows = Number(r.rows[0]?.n ?? 0);
      if (rows > 0) found.push({ table: `${t.schema}.${t.name}`, needle, rows });
    }
  }
  return found;
}

/** Test helper: every rollup row, as comparable text lines in key order. */
export async function rollupLines(store: Store): Promise<string[]> {
  const r = await sql<{ line: string }>`
    select concat_ws('|', person_id, day::text, direction, mode, initiative, source, events::text) as line
    from rollup_daily where events > 0
    order by person_id, day, direction, mode, initiative, source`.execute(store.db);
  return r.rows.map((row) => row.line);
}
