import { type Kysely, sql, type Transaction } from 'kysely';
import { inTransaction } from './in-transaction';
import { rolledBack } from './rolled-back';
import { ROLLUP_KEY, ROLLUP_KEY_COLUMNS, rollupRows } from './rollup-rule';
import type { DB } from './schema';

/** What a rollup rebuild left in `rollup_daily`, and what it had to change. */
export interface RebuildRollupsResult {
  /** rollup_daily rows after the rebuild (the rule's rows). */
  rows: number;
  /** Sum of their `events`. */
  events: number;
  /** Rows it deleted (no longer counted, or counted differently)… */
  deleted: number;
  /** …and rows it inserted (missing, or counted differently): both 0 when the rollups were intact. */
  inserted: number;
}

/**
 * Takes the locks a whole-table rewrite of facts or rollups needs, in the order the aggregator's
 * batches take theirs (labeled_fact, edge_fact, rollup_daily): aggregator writes wait until the
 * transaction ends, and nobody deadlocks. Only inside a transaction.
 *
 * @example await db.transaction().execute(async (tx) => { await lockFactTables(tx); … });
 */
export async function lockFactTables(tx: Transaction<DB> | Kysely<DB>): Promise<void> {
  await sql`lock table labeled_fact, edge_fact, rollup_daily in share row exclusive mode`.execute(tx);
}

/**
 * Sets these settings for the rest of the transaction (`set_config(…, true)`) and returns the values
 * they had, to set back.
 */
async function setLocal<K extends string>(
  tx: Kysely<DB>,
  settings: Record<K, string>,
): Promise<Record<K, string>> {
  const names = Object.keys(settings) as K[];
  const { rows } = await sql<{ name: K; was: string }>`
    select s.name, current_setting(s.name) as was, set_config(s.name, s.value, true)
    from unnest(${names}::text[], ${names.map((n) => settings[n])}::text[]) as s(name, value)`.execute(tx);
  return Object.fromEntries(rows.map((r) => [r.name, r.was])) as Record<K, string>;
}

/**
 * Rebuilds `rollup_daily` from the facts in ONE transaction, with the rule `recordLabeledBatch`,
 * `replaceFacts` and `rederiveRollups` apply too (`rollupRows` in rollup-rule.ts, the one
 * definition). Aggregator writes wait meanwhile; readers see the old rollups until commit (MVCC: plain
 * DELETE and INSERT, never TRUNCATE). A repair tool, and what the rollups must always equal.
 *
 * Writes only the difference: the rule's rows for every fact are aggregated once into a temporary
 * table (one scan of labeled_fact and a hash aggregate, given memory for this transaction), then the
 * rows of `rollup_daily` that no rule row equals are deleted and the rule rows that `rollup_daily`
 * lacks are inserted in key order. Over intact rollups nothing is written; from empty rollups every
 * row is inserted.
 *
 * @example const { rows, events, inserted, deleted } = await rebuildRollups(store.db);
 */
export async function rebuildRollups(db: Kysely<DB>): Promise<RebuildRollupsResult> {
  const key = ROLLUP_KEY_COLUMNS;
  const same = (a: string, b: string) =>
    sql.join(
      [...ROLLUP_KEY, 'events'].map((k) => sql`${sql.ref(`${a}.${k}`)} = ${sql.ref(`${b}.${k}`)}`),
      sql` and `,
    );
  try {
    return await inTransaction(db, async (tx) => {
      await lockFactTables(tx);
      // The whole-table aggregate: hashed (the planner, misjudging unnest's rows, would sort millions
      // of rows), in memory where it fits, in this process (parallel workers gain nothing here).
      // Transaction-local settings, put back afterwards for a caller's own transaction.
      const restore = await setLocal(tx, {
        work_mem: '256MB',
        max_parallel_workers_per_gather: '0',
        enable_sort: 'off',
        enable_incremental_sort: 'off',
      });
      await sql`drop table if exists pg_temp.rollup_rebuilt`.execute(tx);
      await sql`create temporary table rollup_rebuilt on commit drop as ${rollupRows(sql`true`, false)}`.execute(
        tx,
      );
      await sql`analyze pg_temp.rollup_rebuilt`.execute(tx);
      await setLocal(tx, {
        enable_sort: restore.enable_sort,
        enable_incremental_sort: restore.enable_incremental_sort,
      });
      const deleted = await sql`delete from rollup_daily r
        where not exists (select from pg_temp.rollup_rebuilt n where ${same('n', 'r')})`.execute(tx);
      const inserted = await sql`insert into rollup_daily (${key}, events)
        select ${key}, n.events from pg_temp.rollup_rebuilt n
        where not exists (select from rollup_daily r where ${same('r', 'n')})
        order by ${key}`.execute(tx);
      const total = await sql<{ rows: number; events: string | null }>`
        select count(*)::integer as rows, sum(events)::text as events from pg_temp.rollup_rebuilt`.execute(
        tx,
      );
      await sql`drop table pg_temp.rollup_rebuilt`.execute(tx);
      await setLocal(tx, {
        work_mem: restore.work_mem,
        max_parallel_workers_per_gather: restore.max_parallel_workers_per_gather,
      });
      const row = total.rows[0];
      return {
        rows: Number(row?.rows ?? 0),
        events: Number(row?.events ?? 0),
        deleted: Number(deleted.numAffectedRows ?? 0),
        inserted: Number(inserted.numAffectedRows ?? 0),
      };
    });
  } catch (err) {
    throw rolledBack('rebuildRollups', err);
  }
}
