import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bus, createBus, type OutgoingMessage } from '@pushpull/bus';
import { classifyEvent, InMemoryConversationMemory } from '@pushpull/classifier';
import { DEFAULT_TOPIC_PARTITIONS, parseConfig } from '@pushpull/config';
import { dlqTopic, type PipelineNames, pipelineNames, toActivityMessage } from '@pushpull/core';
import { OrgChart, type OrgRow } from '@pushpull/org';
import { createLogger } from '@pushpull/runtime';
import { startAggregatorService } from '@pushpull/service-aggregator';
import { startClassifierService } from '@pushpull/service-classifier';
import { openStore, replaceOrgChart, type Store, setSetting } from '@pushpull/store';
import { createScratchDatabase } from '@pushpull/store/testing';
import { pino } from 'pino';
import { say } from '../say';
import { simulateEvents } from '../simulate-events';
import { copyIntoPglite, copyIntoPostgres, copyRows } from './copy-limit';
import { startProfile } from './cpu-profile';
import { kafkaOwnConsumer } from './kafka-own-consumer';
import { processRun } from './process-run';
import { publishAll } from './publish-all';
import { waitFor } from './wait-for';

interface Figure {
  setup: string;
  what: string;
  seconds: number;
  events: number;
  /** MB, or a description of several processes' peaks; 0 when not measured. */
  peakRssMb: number | string;
}

const logger = createLogger('warn', 'bench', pino.destination({ dest: 2, sync: true }));

/** Runs `fn` while sampling RSS; returns seconds and the peak RSS in MB. */
async function measured(fn: () => Promise<void>): Promise<{ seconds: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const t0 = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  return {
    seconds: (performance.now() - t0) / 1000,
    peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1e6),
  };
}

/** Limit 1: consume the raw topic with a handler that does nothing. */
async function busAlone(bus: Bus, names: PipelineNames, messages: OutgoingMessage[], partitions: number) {
  await bus.ensureTopics([names.raw], partitions);
  await publishAll(bus, names.raw, messages);
  let seen = 0;
  let consumer: Awaited<ReturnType<Bus['consume']>> | undefined;
  const m = await measured(async () => {
    consumer = await bus.consume({
      topic: names.raw,
      groupId: `${names.classifierGroup}-bus-alone`,
      handler: async (batch) => {
        seen += batch.messages.length;
        return batch.messages.map(() => ({ kind: 'ok' as const }));
      },
    });
    await waitFor('the bus to deliver every message', () => seen >= messages.length, 600_000, 20);
  });
  await consumer?.stop();
  return m;
}

/** The pipeline: classifier + aggregator from a pre-filled raw topic until every fact is stored. */
async function pipelineRun(
  bus: Bus,
  store: Store,
  names: PipelineNames,
  org: OrgRow[],
  messages: OutgoingMessage[],
  partitions: number,
) {
  await replaceOrgChart(store.db, org);
  await setSetting(store.db, 'org.version', `bench-${Date.now()}`);
  await bus.ensureTopics(
    [names.raw, names.labeled, dlqTopic(names.raw), dlqTopic(names.labeled)],
    partitions,
  );
  await publishAll(bus, names.raw, messages);
  let stop: (() => Promise<void>) | undefined;
  const profiler = await startProfile();
  const m = await measured(async () => {
    const classifier = await startClassifierService({ bus, store, logger, names });
    const aggregator = await startAggregatorService({ bus, store, logger, names });
    stop = async () => {
      await classifier.stop();
      await aggregator.stop();
    };
    await waitFor(
      'every fact stored',
      () => aggregator.stats.inserted + aggregator.stats.duplicates >= messages.length,
      1_800_000,
      20,
    );
  });
  await profiler?.stop(`pipeline-${store.kind}`);
  await stop?.();
  return m;
}

/** A ratio with two significant digits, without exponents. */
function formatRatio(r: number): string {
  return r >= 10 ? r.toFixed(0) : r >= 0.01 ? r.toPrecision(2) : r.toFixed(4);
}

function rssList(list: Array<number | null>): string {
  return list.map((mb) => (mb === null ? '?' : `${mb}`)).join(' / ');
}

/**
 * `bench/pipeline`: events/s through classifier + aggregator on the embedded bus + PGlite (in this
 * process, as `pushpull start` runs them) and on Kafka + Postgres (each service in its own process, as
 * deployed; when KAFKA_BROKERS and DATABASE_URL are set), each beside its limits measured in the same
 * run on the same records: the bus alone, Kafka's own consumer and a COPY of the same rows. With
 * `scale`, the Kafka + Postgres pipeline runs with 1, 2 and 3 processes of each service, checking exact
 * counts at each.
 */
export async function runPipelineBench(options: { events: number; scale?: boolean }): Promise<void> {
  const n = options.events;
  const partitions = Number(process.env.BENCH_PARTITIONS ?? DEFAULT_TOPIC_PARTITIONS);
  say(`simulating ${n} events…`);
  const sim = simulateEvents(n);
  const messages = sim.events.map(toActivityMessage);
  const recordBytes = Math.round(messages.reduce((sum, m) => sum + m.value.length, 0) / messages.length);
  const chart = OrgChart.fromRows(sim.org, {});
  const memory = new InMemoryConversationMemory();
  const labels = sim.events.map((e) => classifyEvent(e, { org: chart, memory }));
  const rows = copyRows(labels);
  const figures: Figure[] = [];
  const exactness: string[] = [];
  let storage = '';
  const add = (setup: string, what: string, m: { seconds: number; peakRssMb: number | string }) => {
    figures.push({ setup, what, events: n, ...m });
    say(
      `${setup}: ${what}: ${(n / m.seconds).toFixed(0)} events/s (${m.seconds.toFixed(1)} s${m.peakRssMb ? `, peak RSS ${m.peakRssMb} MB` : ''})`,
    );
  };

  // BENCH_SETUPS=kafka or embedded runs only that setup (default both).
  const setups = (process.env.BENCH_SETUPS ?? 'embedded,kafka').split(',');
  // Embedded bus + PGlite: both services in this process (the bench's own data included in its RSS)
  if (setups.includes('embedded')) {
    const names = pipelineNames(`bench-${Date.now()}`);
    const bus = createBus({ clientId: 'bench' });
    add(
      'embedded + PGlite',
      'bus alone (consume, no work)',
      await busAlone(bus, names, messages, partitions),
    );
    await bus.close();
    const dir = mkdtempSync(join(tmpdir(), 'pushpull-bench-'));
    const store = await openStore({ dataDir: dir });
    const bus2 = createBus({ clientId: 'bench' });
    const m = await pipelineRun(bus2, store, names, sim.org, messages, partitions);
    add('embedded + PGlite', 'classifier + aggregator (this process)', m);
    await bus2.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    const seconds = await copyIntoPglite(rows);
    add('embedded + PGlite', 'PGlite alone (COPY of the same rows)', { seconds, peakRssMb: 0 });
  }

  // Kafka + Postgres: each service in its own process
  const brokers = process.env.KAFKA_BROKERS;
  const databaseUrl = process.env.DATABASE_URL;
  if (!setups.includes('kafka')) {
    say('BENCH_SETUPS has no kafka: Kafka + Postgres skipped');
  } else if (brokers && databaseUrl) {
    const names = pipelineNames(`bench-${Date.now()}`);
    // PUSHPULL_KAFKA_CLIENT picks the Kafka client of this bus and of the service processes alike
    const kafkaClient = parseConfig({ PUSHPULL_KAFKA_CLIENT: process.env.PUSHPULL_KAFKA_CLIENT }).kafkaClient;
    say(`Kafka client: ${kafkaClient}`);
    const bus = createBus({ kafkaBrokers: brokers.split(','), kafkaClient, clientId: 'bench' });
    try {
      add(
        'Kafka + Postgres',
        'bus alone (consume, no work)',
        await busAlone(bus, names, messages, partitions),
      );
      const own = await kafkaOwnConsumer({
        bootstrap: brokers.split(',')[0] ?? brokers,
        topic: names.raw,
        messages: n,
      });
      if ('skipped' in own) say(`Kafka's own consumer skipped: ${own.skipped}`);
      else
        add('Kafka + Postgres', "Kafka's own consumer (kafka-consumer-perf-test)", {
          seconds: own.seconds,
          peakRssMb: 0,
        });
      const scratch = await createScratchDatabase(databaseUrl);
      try {
        const seconds = await copyIntoPostgres(scratch.url, rows);
        add('Kafka + Postgres', 'Postgres alone (COPY of the same rows)', { seconds, peakRssMb: 0 });
      } finally {
        await scratch.drop();
      }
      for (const processes of options.scale ? [1, 2, 3] : [1]) {
        say(`Kafka + Postgres: ${processes} classifier and ${processes} aggregator process(es)…`);
        const run = await processRun({
          bus,
          brokers,
          databaseUrl,
          org: sim.org,
          messages,
          labels,
          processes,
          partitions,
          kafkaClient,
        });
        const rss = `classifier ${rssList(run.peakRssMb.classifier)}; aggregator ${rssList(run.peakRssMb.aggregator)}`;
        add(
          'Kafka + Postgres',
          `classifier + aggregator, ${processes} process${processes > 1 ? 'es' : ''} each`,
          {
            seconds: run.seconds,
            peakRssMb: rss,
          },
        );
        const exact =
          run.facts === n && run.rollupEvents === run.expectedRollupEvents && run.rollupsMatchRebuild;
        exactness.push(
          `| ${processes} | ${(n / run.seconds).toFixed(0)} | ${run.facts} of ${n} | ${run.rollupEvents} of ${run.expectedRollupEvents} | ${run.rollupsMatchRebuild ? 'yes' : 'NO'} | ${exact ? 'exact' : 'NOT EXACT'} |`,
        );
        if (!exact) process.exitCode = 1;
        if (processes === 1) {
          const parts = Object.entries(run.bytesPerEvent).map(([t, b]) => `${t} ${b}`);
          storage = `Postgres on disk per stored event (tables with their indexes, after the 1-process run): ${parts.join(', ')} bytes; ${Object.values(run.bytesPerEvent).reduce((a, b) => a + b, 0)} in all.`;
        }
      }
    } finally {
      await bus.close();
    }
  } else {
    say('KAFKA_BROKERS and DATABASE_URL unset: Kafka + Postgres skipped');
  }

  const lines = [
    "| setup | measured | events/s | × bus alone | × Kafka's consumer | × COPY | × slower limit | seconds | peak RSS (MB) |",
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  const rateOf = (g: Figure) => g.events / g.seconds;
  for (const f of figures) {
    const rate = rateOf(f);
    const same = figures.filter((g) => g.setup === f.setup && g !== f);
    const bus = same.find((g) => g.what.startsWith('bus alone'));
    const own = same.find((g) => g.what.startsWith("Kafka's own"));
    const copy = same.find((g) => g.what.includes('COPY'));
    const limits = [own, copy].filter(
      (g): g is Figure => g !== undefined && !f.what.includes('alone') && !f.what.startsWith("Kafka's own"),
    );
    const slower = limits.length > 0 ? Math.min(...limits.map(rateOf)) : undefined;
    const ratio = (g: Figure | undefined) => (g ? formatRatio(rate / rateOf(g)) : '');
    lines.push(
      `| ${f.setup} | ${f.what} | ${rate.toFixed(0)} | ${ratio(bus)} | ${ratio(own)} | ${ratio(copy)} | ${slower ? formatRatio(rate / slower) : ''} | ${f.seconds.toFixed(1)} | ${f.peakRssMb || ''} |`,
    );
  }
  const scaleTable =
    exactness.length > 0
      ? `\n\nKafka + Postgres, exact counts (facts stored; rollup events against what the labels add up to; rollups equal to a rebuild from the facts):\n\n| processes of each service | events/s | facts | rollup events | rollups = rebuild | verdict |\n|---:|---:|---|---|---|---|\n${exactness.join('\n')}`
      : '';
  process.stdout.write(
    `\nbench/pipeline — ${n} simulated events (${recordBytes} bytes each on the raw topic), ${partitions} partitions, Node ${process.version}, ${new Date().toISOString()}\n\n${lines.join('\n')}${scaleTable}\n${storage ? `\n${storage}\n` : ''}`,
  );
}
