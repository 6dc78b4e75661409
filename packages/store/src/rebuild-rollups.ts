import { PushpullError } from '@pushpull/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { inTransaction } from './in-transaction';
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
 * Rebuilds `rollup_daily` from `labeled_fact` and `edge_fact` in ONE transaction, with the rule of
 * `recordLabeledBatch`: a fact with a resolved actor counts once per distinct direction of its edges
 * (a broadcast edge under 'broadcast', no edges under 'none'), per UTC day × source × mode ×
 * initiative ('' when null). Aggregator writes wait meanwhile; readers see the old rollups until commit.
 * A repair tool, and what the rollups must always equal.
 *
 * @example const { rows, events } = await rebuildRollups(store.db);
 */
export async function rebuildRollups(db: Kysely<DB>): Promise<RebuildRollupsResult> {
  try {
    return await inTransaction(db, async (tx) => {
      await lockFactTables(tx);
      await sql`delete from rollup_daily`.execute(tx);
      await sql`
        insert into rollup_daily (person_id, day, direction, mode, initiative, source, events)
        select f.actor_person_id, (f.occurred_at at time zone 'UTC')::date, d.direction, f.mode,
               coalesce(f.initiative, ''), f.source, count(*)
        from labeled_fact f
        cross join lateral (
          select distinct case when e.broadcast then 'broadcast' else e.direction end as direction
          from edge_fact e where e.event_id = f.event_id
          union all
          select 'none' where not exists (select from edge_fact e where e.event_id = f.event_id)
        ) d
        where f.actor_person_id is not null
        group by 1, 2, 3, 4, 5, 6`.execute(tx);
      const totals = await sql<{ rows: number; events: number | null }>`
        select count(*)::integer as rows, sum(events)::bigint as events from rollup_daily`.execute(tx);
      const row = totals.rows[0];
      return { rows: Number(row?.rows ?? 0), events: Number(row?.events ?? 0) };
    });
  } catch (err) {
    throw new PushpullError(
      'STORE_WRITE_FAILED',
      `rebuildRollups: rolled back: ${err instanceof Error ? err.message : String(err)}`,
      {},
      { cause: err },
    );
  }
}
