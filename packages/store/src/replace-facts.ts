import { PushpullError } from '@pushpull/core';
import { type Insertable, type Kysely, sql } from 'kysely';
import { chunkRows } from './chunk-rows';
import {
  type EdgeInput,
  type FactInput,
  rollupIncrements,
  toEdgeRows,
  toFactRow,
  validateFacts,
} from './fact-repository';
import { inTransaction } from './in-transaction';
import { lockFactTables } from './rebuild-rollups';
import type { DB, RollupDailyTable } from './schema';

/** What one `replaceFacts` call changed. */
export interface ReplaceFactsResult {
  /** Facts new to the store. */
  inserted: number;
  /** Facts that were stored already and now carry the new labels. */
  replaced: number;
  /** Of the replaced ones, those whose mode or initiative changed. */
  relabeled: number;
}

const KEY = ['person_id', 'day', 'direction', 'mode', 'initiative', 'source'] as const;

function keyOf(row: Insertable<RollupDailyTable>): string {
  return KEY.map((k) => String(row[k])).join('\u0000');
}

/** The stored facts (with edges) of some event ids, as FactInputs. */
async function storedFacts(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, FactInput>> {
  const out = new Map<string, FactInput>();
  for (const chunk of chunkRows(ids, 1)) {
    const facts = await db.selectFrom('labeled_fact').selectAll().where('event_id', 'in', chunk).execute();
    const edges = await db
      .selectFrom('edge_fact')
      .selectAll()
      .where('event_id', 'in', chunk)
      .orderBy('event_id')
      .orderBy('edge_index')
      .execute();
    const byEvent = new Map<string, EdgeInput[]>();
    for (const e of edges) {
      const list = byEvent.get(e.event_id) ?? [];
      list.push({
        targetPersonId: e.target_person_id,
        direction: e.direction,
        distance: e.distance,
        broadcast: e.broadcast,
        audienceSize: e.audience_size,
      });
      byEvent.set(e.event_id, list);
    }
    for (const f of facts) {
      out.set(f.event_id, {
        eventId: f.event_id,
        occurredAt: new Date(f.occurred_at).toISOString(),
        source: f.source,
        type: f.type,
        actorPersonId: f.actor_person_id,
        mode: f.mode,
        initiative: f.initiative,
        confidence: f.confidence,
        reasons: f.reasons,
        classifierVersion: f.classifier_version,
        url: f.url,
        respondsTo: f.responds_to,
        edges: byEvent.get(f.event_id) ?? [],
      });
    }
  }
  return out;
}

/**
 * Stores facts that REPLACE whatever the store holds for the same event ids (reclassification), in
 * ONE transaction: labels, reasons, version and edges are overwritten, and `rollup_daily` is corrected
 * by the difference between the old and the new facts' contributions (rows that reach zero are
 * removed). Replacing the same facts again changes nothing, so a reclassification never double
 * counts. Aggregator writes wait until the transaction ends (see `lockFactTables`).
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
      const old = await storedFacts(tx, ids);
      const delta = new Map<string, Insertable<RollupDailyTable>>();
      const add = (rows: Insertable<RollupDailyTable>[], sign: 1 | -1) => {
        for (const row of rows) {
          const key = keyOf(row);
          const d = delta.get(key) ?? { ...row, events: 0 };
          d.events = (d.events ?? 0) + sign * (row.events ?? 0);
          delta.set(key, d);
        }
      };
      add(rollupIncrements([...old.values()]), -1);
      add(rollupIncrements(facts), 1);

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
      const changes = [...delta.entries()]
        .filter(([, row]) => row.events !== 0)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, row]) => row);
      // Increments are upserted; decrements update existing rows (an insert of a negative count would
      // trip the check constraint before ON CONFLICT is considered), and rows left at zero go.
      for (const chunk of chunkRows(
        changes.filter((row) => (row.events ?? 0) > 0),
        7,
      )) {
        await tx
          .insertInto('rollup_daily')
          .values(chunk)
          .onConflict((oc) =>
            oc
              .columns([...KEY])
              .doUpdateSet((eb) => ({ events: eb('rollup_daily.events', '+', eb.ref('excluded.events')) })),
          )
          .execute();
      }
      const decrements = changes.filter((row) => (row.events ?? 0) < 0);
      for (const chunk of chunkRows(decrements, 7)) {
        const values = sql.join(
          chunk.map(
            (r) =>
              sql`(${r.person_id}, ${r.day}::date, ${r.direction}, ${r.mode}, ${r.initiative}, ${r.source}, ${r.events}::integer)`,
          ),
        );
        const updated = await sql`
          update rollup_daily r set events = r.events + v.delta
          from (values ${values}) as v(person_id, day, direction, mode, initiative, source, delta)
          where r.person_id = v.person_id and r.day = v.day and r.direction = v.direction
            and r.mode = v.mode and r.initiative = v.initiative and r.source = v.source`.execute(tx);
        if (Number(updated.numAffectedRows ?? 0) !== chunk.length) {
          throw new PushpullError(
            'STORE_INCONSISTENT',
            'replaceFacts: rollup_daily lacks rows that stored facts count in; run rebuildRollups first',
            {},
          );
        }
        await tx
          .deleteFrom('rollup_daily')
          .where('events', '=', 0)
          .where('person_id', 'in', [...new Set(chunk.map((r) => r.person_id))])
          .where('day', 'in', [...new Set(chunk.map((r) => r.day))])
          .execute();
      }
      let relabeled = 0;
      for (const fact of facts) {
        const before = old.get(fact.eventId);
        if (before && (before.mode !== fact.mode || before.initiative !== fact.initiative)) relabeled++;
      }
      return { inserted: facts.length - old.size, replaced: old.size, relabeled };
    });
  } catch (err) {
    if (err instanceof PushpullError) throw err;
    throw new PushpullError(
      'STORE_WRITE_FAILED',
      `replaceFacts: rolled back ${facts.length} facts: ${err instanceof Error ? err.message : String(err)}`,
      { facts: facts.length },
      { cause: err },
    );
  }
}
