import { type Kysely, sql, type Transaction } from 'kysely';
import { inTransaction } from './in-transaction';
import { rolledBack } from './rolled-back';
import { ROLLUP_KEY, rollupRows } from './rollup-rule';
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
 * One statement: the rule's rows for every fact are set against the stored rollups (a full join on the
 * key), and only the differences are written — rows missing are inserted, rows off are updated, rows
 * no fact counts in are deleted. The result is the same as deleting everything and inserting the rule's
 * rows, but intact rollups cost no write, and an empty table costs plain inserts in key order.
 *
 * @example const { rows, events } = await rebuildRollups(store.db);
 */
export async function rebuildRollups(db: Kysely<DB>): Promise<RebuildRollupsResult> {
  const key = sql.join(ROLLUP_KEY.map((k) => sql.ref(k)));
  const sameKey = sql.join(
    ROLLUP_KEY.map((k) => sql`n.${sql.ref(k)} = r.${sql.ref(k)}`),
    sql` and `,
  );
  try {
    return await inTransaction(db, async (tx) => {
      await lockFactTables(tx);
      // Whole-table hashes and sorts: room for them in memory, for this transaction only.
      await sql`set local work_mem = '128MB'`.execute(tx);
      const result = await sql<{ rows: number; events: number | null }>`
        with rebuilt as materialized (${rollupRows(sql`true`)}),
        diff as materialized (
          select ${sql.join(ROLLUP_KEY.map((k) => sql`n.${sql.ref(k)}`))}, n.events, r.ctid as at, r.events as was
          from rebuilt n full join rollup_daily r on ${sameKey}
          where n.events is distinct from r.events
        ),
        dropped as (
          delete from rollup_daily r using diff d where d.events is null and r.ctid = d.at
        ),
        changed as (
          update rollup_daily r set events = d.events from diff d
          where d.was is not null and d.events is not null and r.ctid = d.at
        ),
        added as (
          insert into rollup_daily (${key}, events)
          select ${key}, events from diff where was is null order by ${key}
        )
        select count(*)::integer as rows, sum(events)::bigint as events from rebuilt`.execute(tx);
      const row = result.rows[0];
      return { rows: Number(row?.rows ?? 0), events: Number(row?.events ?? 0) };
    });
  } catch (err) {
    throw rolledBack('rebuildRollups', err);
  }
}
