import { type Kysely, sql, type Transaction } from 'kysely';
import { inTransaction } from './in-transaction';
import { rolledBack } from './rolled-back';
import { ROLLUP_KEY_COLUMNS, rollupRows } from './rollup-rule';
import type { DB } from './schema';

/** What a rollup rebuild wrote. */
export interface RebuildRollupsResult {
  /** rollup_daily rows written. */
  rows: number;
  /** Sum of their `events`. */
  events: number;
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
 * Rebuilds `rollup_daily` from `labeled_fact` and `edge_fact` in ONE transaction, with the rule
 * `recordLabeledBatch` and `replaceFacts` apply too (`rollupRows` in rollup-rule.ts, the one
 * definition). Aggregator writes wait meanwhile; readers see the old rollups until commit.
 * A repair tool, and what the rollups must always equal.
 *
 * Every row is deleted and the rule's rows inserted by one plain INSERT in key order: the rule runs as
 * whole-table joins and aggregates (given room in memory for this transaction), and nothing can
 * conflict on the emptied table, so no upsert is needed.
 *
 * @example const { rows, events } = await rebuildRollups(store.db);
 */
export async function rebuildRollups(db: Kysely<DB>): Promise<RebuildRollupsResult> {
  const key = ROLLUP_KEY_COLUMNS;
  try {
    return await inTransaction(db, async (tx) => {
      await lockFactTables(tx);
      await sql`set local work_mem = '128MB'`.execute(tx);
      await sql`delete from rollup_daily`.execute(tx);
      const result = await sql<{ rows: number; events: number | null }>`
        with written as (
          insert into rollup_daily (${key}, events) ${rollupRows(sql`true`)}
          returning events
        )
        select count(*)::integer as rows, sum(events)::bigint as events from written`.execute(tx);
      const row = result.rows[0];
      return { rows: Number(row?.rows ?? 0), events: Number(row?.events ?? 0) };
    });
  } catch (err) {
    throw rolledBack('rebuildRollups', err);
  }
}
