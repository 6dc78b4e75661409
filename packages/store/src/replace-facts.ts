import { PushpullError } from '@pushpull/core';
import { type Kysely, sql } from 'kysely';
import {
  EDGE_COLUMNS,
  edgeRowsOf,
  FACT_COLUMNS,
  type FactInput,
  factRowsOf,
  validateFacts,
} from './fact-repository';
import { inTransaction } from './in-transaction';
import { lockFactTables } from './rebuild-rollups';
import { rolledBack } from './rolled-back';
import { factsWithIds, readRollupRows, replaceRollupRows } from './rollup-rule';
import type { DB } from './schema';

/** A stored fact's labels as `replaceFacts` finds them before replacing it. */
interface OldFact {
  event_id: string;
  mode: string;
  initiative: string | null;
}

/** The labeled_fact columns a replacement overwrites (all but the key and `inserted_at`). */
const REPLACED_COLUMNS = [
  'occurred_at',
  'source',
  'type',
  'actor_person_id',
  'mode',
  'initiative',
  'confidence',
  'reasons',
  'classifier_version',
  'url',
  'responds_to',
  'rollup_directions',
] as const;

/** The edge_fact columns besides the key, which a replaced edge may change. */
const EDGE_VALUES = ['target_person_id', 'direction', 'distance', 'broadcast', 'audience_size'] as const;
/** `col = excluded.col, …`: an upsert's overwrite of these columns. */
const fromExcluded = (columns: readonly string[]) =>
  sql.join(
    columns.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`),
    sql`, `,
  );
const factOverwrite = fromExcluded(REPLACED_COLUMNS);
const edgeOverwrite = fromExcluded(EDGE_VALUES);
const edgeValues = (table: string) => sql.join(EDGE_VALUES.map((c) => sql.ref(`${table}.${c}`)));

/** What one `replaceFacts` call changed. */
export interface ReplaceFactsResult {
  /** Facts new to the store. */
  inserted: number;
  /** Facts that were stored already and now carry the new labels. */
  replaced: number;
  /** Of the replaced ones, those whose mode or initiative changed. */
  relabeled: number;
}

/**
 * Stores facts that REPLACE whatever the store holds for the same event ids (reclassification), in
 * ONE transaction: labels, reasons, version and edges are overwritten, and `rollup_daily` is corrected
 * from the old facts' rows to the new facts' (`rollupRows`, the rule
 * `recordLabeledBatch` and `rebuildRollups` apply; rows that reach zero are removed). Replacing the
 * same facts again changes nothing, so a reclassification never double counts. Aggregator writes wait until the transaction ends (see `lockFactTables`).
 * Five statements whatever the number of facts (rows from `unnest` of arrays); unchanged edges and
 * rollup rows whose count does not change are not written.
 *
 * @example const { inserted, replaced, relabeled } = await replaceFacts(store.db, facts);
 */
export async function replaceFacts(db: Kysely<DB>, input: readonly FactInput[]): Promise<ReplaceFactsResult> {
  validateFacts(input, 'replaceFacts');
  const unique = new Map<string, FactInput>();
  for (const fact of input) if (!unique.has(fact.eventId)) unique.set(fact.eventId, fact);
  const facts = [...unique.values()].sort((a, b) =>
    a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0,
  );
  if (facts.length === 0) return { inserted: 0, replaced: 0, relabeled: 0 };
  try {
    return await inTransaction(db, async (tx) => {
      await lockFactTables(tx);
      const ids = facts.map((f) => f.eventId);
      const { rows: oldRows } = await sql<OldFact>`
        select event_id, mode, initiative from labeled_fact where event_id = any(${ids}::text[])`.execute(tx);
      const old = new Map(oldRows.map((r) => [r.event_id, r]));
      // The rollups move from the old facts' rows to the new facts' (one rule: rollupRows), writing
      // only the keys whose count changes; rows that reach zero are removed.
      const counted = await readRollupRows(tx, factsWithIds(ids));
      if (counted.missing > 0) {
        throw new PushpullError(
          'STORE_INCONSISTENT',
          'replaceFacts: rollup_daily lacks rows that stored facts count in; run rebuildRollups first',
          { missing: counted.missing },
        );
      }
      // Facts upserted (each with the rollup directions of its new edges); edges written only where
      // they differ (an unchanged edge is left alone, not even locked), and the ones beyond the new
      // edges deleted (the three touch different rows, so one statement holds them).
      await sql`
        with edges as (${edgeRowsOf(facts)}),
        facts as (
          insert into labeled_fact (${FACT_COLUMNS}) ${factRowsOf(facts, sql`edges`)}
          on conflict (event_id) do update set ${factOverwrite}
        ),
        upserted as (
          insert into edge_fact (${EDGE_COLUMNS})
          select * from edges n where not exists (
            select from edge_fact e where e.event_id = n.event_id and e.edge_index = n.edge_index
              and (${edgeValues('e')}) is not distinct from (${edgeValues('n')}))
          on conflict (event_id, edge_index) do update set ${edgeOverwrite}
          where (${edgeValues('edge_fact')}) is distinct from (${edgeValues('excluded')})
        )
        delete from edge_fact e where e.event_id = any(${ids}::text[])
          and not exists (select from edges n where n.event_id = e.event_id and n.edge_index = e.edge_index)`.execute(
        tx,
      );
      await replaceRollupRows(tx, factsWithIds(ids), counted.rows);
      let relabeled = 0;
      for (const fact of facts) {
        const before = old.get(fact.eventId);
        if (before && (before.mode !== fact.mode || before.initiative !== fact.initiative)) relabeled++;
      }
      return { inserted: facts.length - old.size, replaced: old.size, relabeled };
    });
  } catch (err) {
    throw rolledBack('replaceFacts', err, `${facts.length} facts`, { facts: facts.length });
  }
}
