import type { Bus, KafkaClientLibrary, OutgoingMessage } from '@pushpull/bus';
import { dlqTopic, isBroadcastEdge, type LabeledEvent, pipelineNames } from '@pushpull/core';
import type { OrgRow } from '@pushpull/org';
import {
  countFacts,
  openStore,
  rebuildRollups,
  replaceOrgChart,
  type Store,
  setSetting,
} from '@pushpull/store';
import { createScratchDatabase } from '@pushpull/store/testing';
import { sql } from 'kysely';
import { say } from '../say';
import { publishAll } from './publish-all';
import { type ServiceProcess, spawnService } from './service-process';
import { waitFor } from './wait-for';

/** One pipeline run with its services in their own processes. */
export interface ProcessRunResult {
  processes: number;
  /** From the first services' "started" lines to the last fact stored. */
  seconds: number;
  peakRssMb: { classifier: Array<number | null>; aggregator: Array<number | null> };
  /** Exact counts: each must equal its expectation. */
  facts: number;
  rollupEvents: number;
  expectedRollupEvents: number;
  /** Whether `rollup_daily` equals a rebuild from the stored facts (no double count, no loss). */
  rollupsMatchRebuild: boolean;
  /** On-disk bytes per stored event of each fact table (indexes and TOAST included), after the run. */
  bytesPerEvent: Record<string, number>;
}

/**
 * The rollup events the labels must add up to, whatever the labels' modes: a fact with a resolved actor
 * counts once per distinct direction among its edges (`broadcast` for a broadcast edge, `none` without
 * edges) — the store's rule, counted here independently of it.
 */
export function expectedRollupEvents(labels: readonly LabeledEvent[]): number {
  let total = 0;
  for (const l of labels) {
    if (!l.actor.personId) continue;
    const directions = new Set(l.edges.map((e) => (isBroadcastEdge(e) ? 'broadcast' : e.direction)));
    total += Math.max(1, directions.size);
  }
  return total;
}

async function rollupDigest(store: Store): Promise<{ events: number; digest: string }> {
  const row = await sql<{ events: string | null; digest: string | null }>`
    select sum(events)::text as events,
           md5(string_agg(concat_ws('|', person_id, day, direction, mode, initiative, source, events), ','
               order by person_id, day, direction, mode, initiative, source)) as digest
    from rollup_daily where events > 0`.execute(store.db);
  return { events: Number(row.rows[0]?.events ?? 0), digest: row.rows[0]?.digest ?? '' };
}

async function bytesPerEvent(store: Store, events: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [
    'labeled_fact',
    'edge_fact',
    'rollup_daily',
    'conversation_pull',
    'conversation_trail',
  ]) {
    const row = await sql<{
      bytes: string | null;
    }>`select pg_total_relation_size(to_regclass(${table}))::text as bytes`.execute(store.db);
    const bytes = Number(row.rows[0]?.bytes ?? 0);
    if (bytes > 0) out[table] = Math.round(bytes / events);
  }
  return out;
}

/**
 * Runs `processes` classifier and `processes` aggregator processes (the compiled services, as a
 * deployment runs them) on one broker and a fresh scratch database until every event is stored. The
 * first pair starts at once; each further pair starts when the previous share of the events is stored,
 * so their joins rebalance the groups mid-run. Then checks the counts exactly: every event one fact,
 * the rollups' total what the labels add up to, and the rollups equal to a rebuild from the facts.
 *
 * @example await processRun({ bus, brokers: '127.0.0.1:9092', databaseUrl, org, messages, labels, processes: 2, partitions: 6 });
 */
export async function processRun(options: {
  bus: Bus;
  brokers: string;
  databaseUrl: string;
  org: OrgRow[];
  messages: OutgoingMessage[];
  labels: readonly LabeledEvent[];
  processes: number;
  partitions: number;
  /** The Kafka client of the service processes (PUSHPULL_KAFKA_CLIENT). Default: theirs (kafkajs). */
  kafkaClient?: KafkaClientLibrary;
}): Promise<ProcessRunResult> {
  const { bus, processes, messages } = options;
  const n = messages.length;
  const namespace = `bench-p${processes}-${Date.now()}`;
  const names = pipelineNames(namespace);
  const scratch = await createScratchDatabase(options.databaseUrl);
  const store = await openStore({ databaseUrl: scratch.url, dataDir: '/nonexistent' });
  const running: ServiceProcess[] = [];
  try {
    await replaceOrgChart(store.db, options.org);
    await setSetting(store.db, 'org.version', namespace);
    await bus.ensureTopics(
      [names.raw, names.labeled, dlqTopic(names.raw), dlqTopic(names.labeled)],
      options.partitions,
    );
    await publishAll(bus, names.raw, messages);
    const env = {
      KAFKA_BROKERS: options.brokers,
      DATABASE_URL: scratch.url,
      PUSHPULL_NAMESPACE: namespace,
      PUSHPULL_TOPIC_PARTITIONS: String(options.partitions),
      ...(options.kafkaClient ? { PUSHPULL_KAFKA_CLIENT: options.kafkaClient } : {}),
    };
    // BENCH_CPU_PROFILE: each service process writes its own V8 CPU profile there when it stops.
    const profileDir = process.env.BENCH_CPU_PROFILE;
    const nodeArgs = profileDir
      ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=1000']
      : [];
    const startPair = async () => {
      const pair = [spawnService('classifier', env, nodeArgs), spawnService('aggregator', env, nodeArgs)];
      running.push(...pair);
      await Promise.all(pair.map((p) => p.started));
    };
    await startPair();
    const t0 = performance.now();
    for (let k = 1; k < processes; k++) {
      const share = Math.floor((n * k) / (processes + 1));
      await waitFor(`${share} facts`, async () => (await countFacts(store.db)) >= share, 1_800_000, 200);
      say(`  ${processes} processes: ${share} facts stored, starting classifier and aggregator #${k + 1}`);
      await startPair();
    }
    await waitFor(`all ${n} facts`, async () => (await countFacts(store.db)) >= n, 1_800_000, 200);
    const seconds = (performance.now() - t0) / 1000;
    const peak = (name: string) => running.filter((p) => p.name === name).map((p) => p.peakRssMb());
    const peakRssMb = { classifier: peak('classifier'), aggregator: peak('aggregator') };
    await new Promise((r) => setTimeout(r, 1500)); // nothing arrives late
    await Promise.all(running.map((p) => p.stop()));
    const facts = await countFacts(store.db);
    const storage = await bytesPerEvent(store, n); // before the rebuild check rewrites the rollups
    const before = await rollupDigest(store);
    await rebuildRollups(store.db);
    const after = await rollupDigest(store);
    return {
      bytesPerEvent: storage,
      processes,
      seconds,
      peakRssMb,
      facts,
      rollupEvents: before.events,
      expectedRollupEvents: expectedRollupEvents(options.labels),
      rollupsMatchRebuild: before.digest === after.digest && before.events === after.events,
    };
  } catch (err) {
    for (const p of running) say(`--- ${p.name} (pid ${p.child.pid}), last lines:\n${p.tail()}`);
    throw err;
  } finally {
    await Promise.all(running.map((p) => p.stop()));
    await store.close();
    await scratch.drop();
  }
}
