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
import { applyRollupRows, dropEmptyRollups, factsWithIds } from './rollup-rule';
import type { DB } from './schema';

/** A stored fact as `replaceFacts` finds it before replacing it. */
interface OldFact {
  event_id: string;
  mode: string;
  initiative: string | null;
  actor_person_id: string | null;
  /** Its UTC day, 'YYYY-MM-DD'. */
  day: string;
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
] as const;

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
 * by taking away the old facts' rows and adding the new facts' (`rollupRows`, the rule
 * `recordLabeledBatch` and `rebuildRollups` apply; rows that reach zero are removed). Replacing the
 * same facts again changes nothing, so a reclassification never double counts. Aggregator writes wait until the transaction ends (see `lockFactTables`).
 * Seven statements whatever the number of facts (rows from `unnest` of arrays); rows left at zero
 * are looked for only on the people × days the old facts counted in.
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
        select event_id, mode, initiative, actor_person_id, ((occurred_at at time zone 'UTC')::date)::text as day
        from labeled_fact where event_id = any(${ids}::text[])`.execute(tx);
      const old = new Map(oldRows.map((r) => [r.event_id, r]));
      // The old facts' rollup rows go, then the new facts' come (one rule: rollupRows); rows left at
      // zero are removed. Taking away only updates rows, so it cannot create a negative count.
      const taken = await applyRollupRows(tx, factsWithIds(ids), -1);
      if (taken.rows !== taken.expected) {
        throw new PushpullError(
          'STORE_INCONSISTENT',
          'replaceFacts: rollup_daily lacks rows that stored facts count in; run rebuildRollups first',
          { missing: taken.expected - taken.rows },
        );
      }
      const overwrite = sql.join(
        REPLACED_COLUMNS.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`),
        sql`, `,
      );
      await sql`
        with facts as (
          insert into labeled_fact (${FACT_COLUMNS}) ${factRowsOf(facts)}
          on conflict (event_id) do update set ${overwrite}
        )
        delete from edge_fact where event_id = any(${ids}::text[])`.execute(tx);
      await sql`insert into edge_fact (${EDGE_COLUMNS}) ${edgeRowsOf(facts)}`.execute(tx);
      await applyRollupRows(tx, factsWithIds(ids), 1);
      const days = oldRows.flatMap((r) =>
        r.actor_person_id === null ? [] : [{ personId: r.actor_person_id, day: r.day }],
      );
      await dropEmptyRollups(tx, days);
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
