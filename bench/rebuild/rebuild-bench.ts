import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DB,
  directionsByFact,
  type EdgeFactTable,
  type FactInput,
  factDirections,
  type LabeledFactTable,
  openStore,
  rebuildRollups,
  recordLabeledBatch,
  replaceFacts,
  type Store,
} from '@pushpull/store';
import { createScratchDatabase } from '@pushpull/store/testing';
import { type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import { say } from '../say';

/*
 * ─── BASELINE ────────────────────────────────────────────────────────────────────────────────────
 * The store's algorithms BEFORE issue 13 (commit 59b7f11), kept here only to be timed beside the
 * current ones in the same run. Not used anywhere else; do not import.
 */

/** Baseline: the rollup rule as a lateral subquery per fact (two edge_fact probes per fact). */
function baselineRollupRows(facts: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    select f.actor_person_id as person_id, (f.occurred_at at time zone 'UTC')::date as day,
           d.direction, f.mode, coalesce(f.initiative, '') as initiative, f.source,
           count(*)::integer as events
    from labeled_fact f
    cross join lateral (
      select distinct case when e.broadcast then 'broadcast' else e.direction end as direction
      from edge_fact e where e.event_id = f.event_id
      union all
      select 'none' where not exists (select from edge_fact e where e.event_id = f.event_id)
    ) d
    where f.actor_person_id is not null and (${facts})
    group by 1, 2, 3, 4, 5, 6
    order by 1, 2, 3, 4, 5, 6`;
}

const KEY = sql.raw('person_id, day, direction, mode, initiative, source');

/** Baseline: adds (1) or takes away (-1) the rule's rows of `facts`, as the old applyRollupRows. */
async function baselineApply(tx: Kysely<DB>, facts: RawBuilder<unknown>, sign: 1 | -1): Promise<void> {
  if (sign === 1) {
    await sql`insert into rollup_daily (${KEY}, events) ${baselineRollupRows(facts)}
      on conflict (${KEY}) do update set events = rollup_daily.events + excluded.events`.execute(tx);
    return;
  }
  await sql`with delta as (${baselineRollupRows(facts)})
    update rollup_daily r set events = r.events - d.events from delta d
    where (r.person_id, r.day, r.direction, r.mode, r.initiative, r.source)
        = (d.person_id, d.day, d.direction, d.mode, d.initiative, d.source) and r.events >= d.events`.execute(
    tx,
  );
}

const ids = (facts: readonly FactInput[]) => sql`f.event_id = any(${facts.map((f) => f.eventId)}::text[])`;

/** Baseline: delete every rollup row, then upsert the lateral rule's rows for every fact. */
async function baselineRebuild(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`lock table labeled_fact, edge_fact, rollup_daily in share row exclusive mode`.execute(tx);
    await sql`delete from rollup_daily`.execute(tx);
    await baselineApply(tx, sql`true`, 1);
    await sql`select count(*)::integer, sum(events)::bigint from rollup_daily`.execute(tx);
  });
}

const factRow = (f: FactInput) => ({
  event_id: f.eventId,
  occurred_at: f.occurredAt,
  source: f.source,
  type: f.type,
  actor_person_id: f.actorPersonId,
  mode: f.mode,
  initiative: f.initiative,
  confidence: f.confidence,
  reasons: JSON.stringify(f.reasons),
  classifier_version: f.classifierVersion,
  url: f.url,
  responds_to: f.respondsTo ?? null,
});
const edgeRows = (f: FactInput) =>
  f.edges.map((e, i) => ({
    event_id: f.eventId,
    edge_index: i,
    target_person_id: e.targetPersonId,
    direction: e.direction,
    distance: e.distance,
    broadcast: e.broadcast,
    audience_size: e.audienceSize,
  }));
const chunks = <T>(rows: readonly T[], columns: number): T[][] => {
  const size = Math.floor(30_000 / columns);
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
};

/** Baseline recordLabeledBatch: org version read, multi-row VALUES chunks, upserts, offsets. */
async function baselineRecord(db: Kysely<DB>, facts: readonly FactInput[], offset: number): Promise<void> {
  await db.selectFrom('setting').select('value').where('key', '=', 'org.version').executeTakeFirst();
  await db.transaction().execute(async (tx) => {
    const fresh = new Set<string>();
    for (const chunk of chunks(facts, 11)) {
      const rows = await tx
        .insertInto('labeled_fact')
        .values(chunk.map(factRow))
        .onConflict((oc) => oc.column('event_id').doNothing())
        .returning('event_id')
        .execute();
      for (const row of rows) fresh.add(row.event_id);
    }
    const freshFacts = facts.filter((f) => fresh.has(f.eventId));
    for (const chunk of chunks(freshFacts.flatMap(edgeRows), 7)) {
      await tx.insertInto('edge_fact').values(chunk).execute();
    }
    if (fresh.size > 0) await baselineApply(tx, ids(freshFacts), 1);
    await tx
      .insertInto('consumer_offset')
      .values({
        group_id: 'bench',
        topic: 'baseline',
        partition: 0,
        next_offset: String(offset),
        updated_at: new Date(),
      })
      .onConflict((oc) =>
        oc.columns(['group_id', 'topic', 'partition']).doUpdateSet((eb) => ({
          next_offset: eb.ref('excluded.next_offset'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  });
}

/** Baseline replaceFacts: chunked reads and upserts, empty rollup rows looked for over all the old actors' rows. */
async function baselineReplace(db: Kysely<DB>, facts: readonly FactInput[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`lock table labeled_fact, edge_fact, rollup_daily in share row exclusive mode`.execute(tx);
    const idList = facts.map((f) => f.eventId);
    const old = await tx
      .selectFrom('labeled_fact')
      .select(['event_id', 'mode', 'initiative', 'actor_person_id'])
      .where('event_id', 'in', idList)
      .execute();
    await baselineApply(tx, ids(facts), -1);
    for (const chunk of chunks(facts, 12)) {
      await tx
        .insertInto('labeled_fact')
        .values(chunk.map(factRow))
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
    await tx.deleteFrom('edge_fact').where('event_id', 'in', idList).execute();
    for (const chunk of chunks(facts.flatMap(edgeRows), 7))
      await tx.insertInto('edge_fact').values(chunk).execute();
    await baselineApply(tx, ids(facts), 1);
    const actors = [...new Set(old.map((r) => r.actor_person_id).filter((a): a is string => a !== null))];
    await sql`delete from rollup_daily where events = 0 and person_id = any(${actors}::text[])`.execute(tx);
  });
}

/* ─── END OF BASELINE ───────────────────────────────────────────────────────────────────────────── */

const PEOPLE = 2000;
const SOURCES = ['github', 'slack', 'outlook', 'teams'];
const DIRECTIONS = ['up', 'down', 'peer', 'lateral', 'external'];

/**
 * The edges of generated fact `g` (an outer column): 0–2 of them, 1 in 13 a broadcast; edge_fact's
 * columns.
 */
const benchEdges = sql`
  select 'bench:' || lpad(g::text, 9, '0') as event_id, i as edge_index,
         case when (g + i) % 13 = 0 then null else 'p:u' || (((g + i) * 104729) % ${PEOPLE}) || '@bench.example' end
           as target_person_id,
         case when (g + i) % 13 = 0 then 'broadcast' else (${DIRECTIONS}::text[])[1 + ((g / 3 + i) % 5)] end
           as direction,
         null::integer as distance, (g + i) % 13 = 0 as broadcast, null::integer as audience_size
  from generate_series(0, 2) as i
  where i < g % 4`;

/**
 * `facts` labeled facts generated inside the database (generate_series): 2,000 actors (2% unresolved),
 * a year of timestamps, 4 sources, 0–2 edges each (1 in 13 a broadcast), ids 'bench:<9 digits>'. Each
 * fact carries its rollup directions, derived from its edges by the store's rule as its writers do.
 */
async function generate(db: Kysely<DB>, facts: number): Promise<void> {
  await sql`
    insert into labeled_fact (event_id, occurred_at, source, type, actor_person_id, mode, initiative,
                              confidence, reasons, classifier_version, url, rollup_directions)
    select 'bench:' || lpad(g::text, 9, '0'),
           timestamptz '2026-01-01' + ((g * 7) % (365 * 86400)) * interval '1 second',
           (${SOURCES}::text[])[1 + g % 4], 'bench.event',
           case when g % 50 = 0 then null else 'p:u' || ((g * 7919) % ${PEOPLE}) || '@bench.example' end,
           case when g % 20 < 11 then 'push' when g % 20 < 17 then 'pull' else 'neutral' end,
           case when g % 20 < 6 then 'proactive' when g % 20 < 11 then 'responsive' else null end,
           0.8, '["statement"]'::jsonb, 'old', null,
           ${factDirections(sql`(select d.directions from (${directionsByFact(benchEdges)}) as d)`)}
    from generate_series(1::bigint, ${facts}::bigint) as g`.execute(db);
  await sql`
    insert into edge_fact (event_id, edge_index, target_person_id, direction, distance, broadcast, audience_size)
    select e.* from generate_series(1::bigint, ${facts}::bigint) as g cross join lateral (${benchEdges}) as e`.execute(
    db,
  );
  await sql`analyze`.execute(db);
}

/** A fingerprint of rollup_daily: rows, events and an md5 of every row in key order. */
async function fingerprint(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ rows: number; events: string; md5: string }>`
    select count(*)::integer as rows, coalesce(sum(events), 0)::text as events,
           md5(coalesce(string_agg(concat_ws('|', person_id, day, direction, mode, initiative, source, events), ','
                 order by person_id, day, direction, mode, initiative, source), '')) as md5
    from rollup_daily`.execute(db);
  const r = rows[0]!;
  return `${r.rows} rows, ${r.events} events, md5 ${r.md5}`;
}

/** Runs the two in turn, the baseline first on even rounds: neither always meets the warmer cache. */
async function alternately(round: number, baseline: () => Promise<void>, current: () => Promise<void>) {
  if (round % 2 === 0) {
    await baseline();
    await current();
  } else {
    await current();
    await baseline();
  }
}

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

/** The stored facts after `after` (by id), `n` of them, relabeled as a new classifier would (pushes become pulls). */
async function storedFacts(db: Kysely<DB>, after: string, n: number): Promise<FactInput[]> {
  const { rows } = await sql<
    Selectable<LabeledFactTable> & { edges: Selectable<EdgeFactTable>[] }
  >`select f.*, coalesce((select json_agg(e order by e.edge_index) from edge_fact e where e.event_id = f.event_id), '[]') as edges
     from labeled_fact f where f.event_id > ${after} order by f.event_id limit ${n}`.execute(db);
  return rows.map((r, i) => ({
    eventId: r.event_id,
    occurredAt: new Date(r.occurred_at).toISOString(),
    source: r.source,
    type: r.type,
    actorPersonId: r.actor_person_id,
    mode: r.mode === 'push' && i % 3 === 0 ? 'pull' : r.mode,
    initiative: r.mode === 'push' && i % 3 === 0 ? null : r.initiative,
    confidence: r.confidence,
    reasons: r.reasons,
    classifierVersion: 'new',
    url: r.url,
    respondsTo: null,
    edges: r.edges.map((e) => ({
      targetPersonId: e.target_person_id,
      direction: e.direction,
      distance: e.distance,
      broadcast: e.broadcast,
      audienceSize: e.audience_size,
    })),
  }));
}

/** A labeled fact as the aggregator would store it, for the write-path case (ids `w<prefix>:<n>`). */
function writtenFact(prefix: string, n: number): FactInput {
  const edges = Array.from({ length: n % 4 === 3 ? 2 : n % 4 }, (_, i) =>
    (n + i) % 13 === 0
      ? { targetPersonId: null, direction: 'broadcast', distance: null, broadcast: true, audienceSize: 40 }
      : {
          targetPersonId: `p:u${((n + i) * 104729) % PEOPLE}@bench.example`,
          direction: DIRECTIONS[(n + i) % 5]!,
          distance: 1,
          broadcast: false,
          audienceSize: null,
        },
  );
  return {
    eventId: `w${prefix}:${String(n).padStart(9, '0')}`,
    occurredAt: new Date(Date.UTC(2026, 0, 1) + ((n * 7) % (365 * 86400)) * 1000).toISOString(),
    source: SOURCES[n % 4]!,
    type: 'bench.event',
    actorPersonId: `p:u${(n * 7919) % PEOPLE}@bench.example`,
    mode: n % 20 < 11 ? 'push' : n % 20 < 17 ? 'pull' : 'neutral',
    initiative: n % 20 < 6 ? 'proactive' : n % 20 < 11 ? 'responsive' : null,
    confidence: 0.8,
    reasons: ['statement'],
    classifierVersion: 'bench',
    url: null,
    edges,
  };
}

/** Write path: `events` facts each through the baseline and the current recordLabeledBatch, batches alternating. */
async function writePath(store: Store, label: string, events: number, batch: number): Promise<string[]> {
  let baseline = 0;
  let current = 0;
  for (let start = 0, b = 0; start < events; start += batch, b++) {
    const old = Array.from({ length: Math.min(batch, events - start) }, (_, i) =>
      writtenFact('a', start + i),
    );
    const now = Array.from({ length: old.length }, (_, i) => writtenFact('b', start + i));
    const runOld = async () => {
      baseline += await seconds(() => baselineRecord(store.db, old, start + old.length));
    };
    const runNew = async () => {
      current += await seconds(() =>
        recordLabeledBatch(store.db, {
          groupId: 'bench',
          facts: now,
          offsets: [{ topic: 'current', partition: 0, nextOffset: String(start + now.length) }],
          ifOrgVersion: null,
        }),
      );
    };
    await alternately(b, runOld, runNew);
  }
  return [
    `  ${label}: recordLabeledBatch, ${events} facts in batches of ${batch}`,
    `    baseline (multi-row VALUES, org version read)  ${baseline.toFixed(1)} s  ${Math.round(events / baseline)} events/s`,
    `    current  (unnest, one guarded statement)       ${current.toFixed(1)} s  ${Math.round(events / current)} events/s  ratio new/old ${(events / current / (events / baseline)).toFixed(2)}x`,
  ];
}

/**
 * bench/rebuild: the rebuilds and the aggregator's write path, each beside the algorithm it replaced
 * (the BASELINE above) in the same run.
 * - Postgres (DATABASE_URL): `facts` facts generated by SQL; `rebuildRollups` from empty rollups,
 *   baseline then current, with a fingerprint of rollup_daily that must be equal; the current one
 *   again over intact rollups; `replaceFacts` of `reclassify` facts (batches of 1000, the CLI's
 *   default) alternating baseline and current on disjoint slices, rollups checked against a rebuild;
 * - the write path on Postgres and on PGlite: `writeEvents` facts each in batches of `writeBatch`.
 */
export async function runRebuildBench(options: {
  facts: number;
  reclassify: number;
  writeEvents: number;
  writeBatch: number;
}): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      'bench:rebuild needs DATABASE_URL (Postgres), e.g. postgres://postgres@127.0.0.1:5432/test',
    );
  const lines: string[] = [];
  const scratch = await createScratchDatabase(url);
  const store = await openStore({ databaseUrl: scratch.url, dataDir: '/nonexistent' });
  try {
    say(`generating ${options.facts} facts…`);
    const load = await seconds(() => generate(store.db, options.facts));
    const edges = Number(
      (await sql<{ n: number }>`select count(*)::integer as n from edge_fact`.execute(store.db)).rows[0]!.n,
    );
    say(`generated ${options.facts} facts and ${edges} edges in ${load.toFixed(1)} s`);
    await sql`select count(*) from labeled_fact`.execute(store.db); // warm both tables alike
    await sql`select count(*) from edge_fact`.execute(store.db);

    say('rebuildRollups, baseline…');
    const oldRebuild = await seconds(() => baselineRebuild(store.db));
    const oldPrint = await fingerprint(store.db);
    await sql`delete from rollup_daily`.execute(store.db);
    await sql`vacuum analyze rollup_daily`.execute(store.db);
    say('rebuildRollups, current…');
    let rebuilt = { rows: 0, events: 0 };
    const newRebuild = await seconds(async () => {
      rebuilt = await rebuildRollups(store.db);
    });
    const newPrint = await fingerprint(store.db);
    if (newPrint !== oldPrint) throw new Error(`rollups differ: baseline ${oldPrint}, current ${newPrint}`);
    const intact = await seconds(() => rebuildRollups(store.db));
    lines.push(
      `case: rebuild, Postgres, ${options.facts} facts, ${edges} edges, ${rebuilt.rows} rollup rows (${rebuilt.events} counts)`,
      `  rebuildRollups from empty rollups: baseline ${oldRebuild.toFixed(1)} s, current ${newRebuild.toFixed(1)} s  ratio new/old ${(oldRebuild / newRebuild).toFixed(1)}x faster  (rollups identical: ${newPrint})`,
      `  rebuildRollups over intact rollups (current): ${intact.toFixed(1)} s  (${(oldRebuild / intact).toFixed(1)}x faster than the baseline from empty)`,
    );

    say(`replaceFacts, ${options.reclassify} facts each way…`);
    let oldReplace = 0;
    let newReplace = 0;
    let after = '';
    for (let done = 0, b = 0; done < options.reclassify; done += 1000, b++) {
      const a = await storedFacts(store.db, after, 1000);
      const c = await storedFacts(store.db, a[a.length - 1]!.eventId, 1000);
      after = c[c.length - 1]?.eventId ?? after;
      const runOld = async () => {
        oldReplace += await seconds(() => baselineReplace(store.db, a));
      };
      const runNew = async () => {
        newReplace += await seconds(() => replaceFacts(store.db, c));
      };
      await alternately(b, runOld, runNew);
    }
    const beforeCheck = await fingerprint(store.db);
    await rebuildRollups(store.db);
    const afterCheck = await fingerprint(store.db);
    if (beforeCheck !== afterCheck)
      throw new Error(`rollups after replaceFacts differ from a rebuild: ${beforeCheck} vs ${afterCheck}`);
    const n = options.reclassify;
    lines.push(
      `  replaceFacts (reclassify), ${n} facts each in batches of 1000 among ${options.facts}: baseline ${oldReplace.toFixed(1)} s (${Math.round(n / oldReplace)} facts/s), current ${newReplace.toFixed(1)} s (${Math.round(n / newReplace)} facts/s)  ratio new/old ${(oldReplace / newReplace).toFixed(1)}x faster  (rollups equal a rebuild)`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await store.close();
    await scratch.drop();
  }

  const out: string[] = [
    `case: write path (aggregator), ${options.writeEvents} facts each way, batches alternating`,
  ];
  const scratch2 = await createScratchDatabase(url);
  const pgStore = await openStore({ databaseUrl: scratch2.url, dataDir: '/nonexistent' });
  try {
    say('write path, Postgres…');
    out.push(...(await writePath(pgStore, 'Postgres', options.writeEvents, options.writeBatch)));
  } finally {
    await pgStore.close();
    await scratch2.drop();
  }
  const dir = mkdtempSync(join(tmpdir(), 'pushpull-bench-rebuild-'));
  const pglite = await openStore({ dataDir: dir });
  try {
    say('write path, PGlite…');
    out.push(...(await writePath(pglite, 'PGlite', options.writeEvents, options.writeBatch)));
  } finally {
    await pglite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
