import { PushpullError } from '@pushpull/core';
import type { Kysely } from 'kysely';
import { chunkRows } from './chunk-rows';
import { type FactInput, toEdgeRows, toFactRow, validateFacts } from './fact-repository';
import { inTransaction } from './in-transaction';
import { lockFactTables } from './rebuild-rollups';
import { rolledBack } from './rolled-back';
import { applyRollupRows, dropEmptyRollups, factsWithIds } from './rollup-rule';
import type { DB } from './schema';

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
      const old = new Map<string, { mode: string; initiative: string | null; actor: string | null }>();
      for (const chunk of chunkRows(ids, 1)) {
        const rows = await tx
          .selectFrom('labeled_fact')
          .select(['event_id', 'mode', 'initiative', 'actor_person_id'])
          .where('event_id', 'in', chunk)
          .execute();
        for (const r of rows) {
          old.set(r.event_id, { mode: r.mode, initiative: r.initiative, actor: r.actor_person_id });
        }
      }
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

      for (const chunk of chunkRows(facts, 12)) {
        await tx
          .insertInto('labeled_fact')
          .values(chunk.map(toFactRow))
          .onConflict((oc) =>
            oc.column('event_id').doUpdateSet((eb) => ({
              occurred_at: eb.ref('excluded.occurred_at'),
              source: eb.ref('excluded.source'),
              type: eb.ref('excluded.type'),
              actor_person_id: eb.ref('excluded.actor_person_id'),
              mode: eb.ref('excluded.mode'),
              initiative: eb.ref('excluded.initiative'),
              confidence: eb.ref('excluded.confidence'),
              reasons: eb.ref('excluded.reasons'),
              classifier_version: eb.ref('excluded.classifier_version'),
              url: eb.ref('excluded.url'),
              responds_to: eb.ref('excluded.responds_to'),
            })),
          )
          .execute();
      }
      for (const chunk of chunkRows(ids, 1)) {
        await tx.deleteFrom('edge_fact').where('event_id', 'in', chunk).execute();
      }
      for (const chunk of chunkRows(facts.flatMap(toEdgeRows), 7)) {
        await tx.insertInto('edge_fact').values(chunk).execute();
      }
      await applyRollupRows(tx, factsWithIds(ids), 1);
      const actors = [...old.values()].map((f) => f.actor).filter((a): a is string => a !== null);
      if (actors.length > 0) await dropEmptyRollups(tx, [...new Set(actors)]);
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
