import { type Kysely, sql, type Transaction } from 'kysely';
import { inTransaction } from './in-transaction';
import { rolledBack } from './rolled-back';
import { ROLLUP_KEY, ROLLUP_KEY_COLUMNS, rollupRows, sameKey } from './rollup-rule';
import type { DB } from './schema';

/** What a rollup rebuild left in `rollup_daily`, and what it had to change to get there. */
export interface RebuildRollupsResult {
  /** rollup_daily rows after the rebuild (the rule's rows). */
  rows: number;
  /** Sum of their `events`. */
  events: number;
  /** Rows inserted (the rule has them, rollup_daily lacked them). */
  inserted: number;
  /** Rows whose count was corrected. */
  updated: number;
  /** Rows deleted (no fact counts in them). All three are 0 when the rollups were intact. */
  deleted: number;
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
 * DELETE, UPDATE and INSERT, never TRUNCATE). A repair tool, and what the rollups must always equal.
 *
 * Writes only the difference, in one statement: the rule's rows for every fact (one scan of
 * labeled_fact and a hash aggregate, given memory for this transaction) are full-joined to
 * `rollup_daily` on the key, and only the keys whose count differs are written: rows no fact counts
 * in deleted, wrong counts corrected, missing rows inserted in key order. Over intact rollups nothing
 * is written; from empty rollups every row is inserted.
 *
 * @example const { rows, events, inserted, updated, deleted } = await rebuildRollups(store.db);
 */
export async function rebuildRollups(db: Kysely<DB>): Promise<RebuildRollupsResult> {
  const key = ROLLUP_KEY_COLUMNS;
  const either = sql.join(
    ROLLUP_KEY.map((k) => sql`coalesce(n.${sql.ref(k)}, r.${sql.ref(k)}) as ${sql.ref(k)}`),
  );
  // Missing rows in key order; collation "C" sorts faster than most, and a rebuild holds the table.
  const keyOrder = sql.join(
    ROLLUP_KEY.map((k) => (k === 'day' ? sql.ref(k) : sql`${sql.ref(k)} collate "C"`)),
  );
  try {
    return await inTransaction(db, async (tx) => {
      await lockFactTables(tx);
      // The whole-table aggregate hashed, not sorted (the planner, misjudging unnest's rows, would sort
      // millions of rows), in memory where it fits, in this process (parallel workers gain nothing:
      // they would hand every row to the leader). Transaction-local, put back for a caller's own.
      const restore = await setLocal(tx, {
        work_mem: '256MB',
        max_parallel_workers_per_gather: '0',
        enable_sort: 'off',
        enable_incremental_sort: 'off',
      });
      // delta: the keys whose count differs; events null: no fact counts in it any more; held:
      // rollup_daily has the key. The three writes touch disjoint keys, so one statement holds them.
      const { rows: changed } = await sql<{ inserted: number; updated: number; deleted: number }>`
        with delta as materialized (
          select ${either}, n.events, r.events is not null as held
          from (${rollupRows(sql`true`, false)}) as n full join rollup_daily r on ${sameKey('n', 'r')}
          where n.events is distinct from r.events
        ),
        gone as (
          delete from rollup_daily r using delta n where n.events is null and ${sameKey('r', 'n')}
          returning 1
        ),
        wrong as (
          update rollup_daily r set events = n.events from delta n
          where n.held and n.events is not null and ${sameKey('r', 'n')}
          returning 1
        ),
        missing as (
          insert into rollup_daily (${key}, events)
          select ${key}, events from delta where not held order by ${keyOrder}
          returning 1
        )
        select (select count(*) from missing)::integer as inserted, (select count(*) from wrong)::integer as updated,
               (select count(*) from gone)::integer as deleted`.execute(tx);
      const { rows: totals } = await sql<{ rows: number; events: string | null }>`
        select count(*)::integer as rows, sum(events)::text as events from rollup_daily`.execute(tx);
      await setLocal(tx, restore);
      return {
        rows: Number(totals[0]?.rows ?? 0),
        events: Number(totals[0]?.events ?? 0),
        inserted: changed[0]?.inserted ?? 0,
        updated: changed[0]?.updated ?? 0,
        deleted: changed[0]?.deleted ?? 0,
      };
    });
  } catch (err) {
    throw rolledBack('rebuildRollups', err);
  }
}
