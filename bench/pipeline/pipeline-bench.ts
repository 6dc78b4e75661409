import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bus, createBus, type OutgoingMessage } from '@pushpull/bus';
import { classifyEvent, InMemoryConversationMemory } from '@pushpull/classifier';
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

interface Figure {
  setup: string;
  what: string;
  seconds: number;
  events: number;
  peakRssMb: number;
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

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('benchmark timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function publishAll(bus: Bus, topic: string, messages: OutgoingMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 5000) await bus.publish(topic, messages.slice(i, i + 5000));
}

/** Limit 1: consume the raw topic with a handler that does nothing. */
async function busAlone(bus: Bus, names: PipelineNames, messages: OutgoingMessage[]) {
  await bus.ensureTopics([names.raw]);
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
    await waitUntil(() => seen >= messages.length, 600_000);
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
) {
  await replaceOrgChart(store.db, org);
  await setSetting(store.db, 'org.version', `bench-${Date.now()}`);
  await bus.ensureTopics([names.raw, names.labeled, dlqTopic(names.raw), dlqTopic(names.labeled)]);
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
    await waitUntil(
      () => aggregator.stats.inserted + aggregator.stats.duplicates >= messages.length,
      1_800_000,
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

/**
 * `bench/pipeline`: events/s through classifier + aggregator on the embedded bus + PGlite and on
 * Kafka + Postgres (when KAFKA_BROKERS and DATABASE_URL are set), each beside the bus alone and a
 * COPY of the same rows measured in the same run.
 */
export async function runPipelineBench(options: { events: number }): Promise<void> {
  const n = options.events;
  say(`simulating ${n} events…`);
  const sim = simulateEvents(n);
  const messages = sim.events.map(toActivityMessage);
  const chart = OrgChart.fromRows(sim.org, {});
  const memory = new InMemoryConversationMemory();
  const labels = sim.events.map((e) => classifyEvent(e, { org: chart, memory }));
  const rows = copyRows(labels);
  const figures: Figure[] = [];
  const add = (setup: string, what: string, m: { seconds: number; peakRssMb: number }) => {
    figures.push({ setup, what, events: n, ...m });
    say(
      `${setup}: ${what}: ${(n / m.seconds).toFixed(0)} events/s (${m.seconds.toFixed(1)} s, peak RSS ${m.peakRssMb} MB)`,
    );
  };

  // Embedded bus + PGlite
  {
    const names = pipelineNames(`bench-${Date.now()}`);
    const bus = createBus({ clientId: 'bench' });
    add('embedded + PGlite', 'bus alone (consume, no work)', await busAlone(bus, names, messages));
    await bus.close();
    const dir = mkdtempSync(join(tmpdir(), 'pushpull-bench-'));
    const store = await openStore({ dataDir: dir });
    const bus2 = createBus({ clientId: 'bench' });
    add(
      'embedded + PGlite',
      'classifier + aggregator',
      await pipelineRun(bus2, store, names, sim.org, messages),
    );
    await bus2.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    const seconds = await copyIntoPglite(rows);
    add('embedded + PGlite', 'PGlite alone (COPY of the same rows)', { seconds, peakRssMb: 0 });
  }

  // Kafka + Postgres
  const brokers = process.env.KAFKA_BROKERS;
  const databaseUrl = process.env.DATABASE_URL;
  if (brokers && databaseUrl) {
    const names = pipelineNames(`bench-${Date.now()}`);
    const bus = createBus({ kafkaBrokers: brokers.split(','), clientId: 'bench' });
    add('Kafka + Postgres', 'bus alone (consume, no work)', await busAlone(bus, names, messages));
    const scratch = await createScratchDatabase(databaseUrl);
    const store = await openStore({ databaseUrl: scratch.url, dataDir: tmpdir() });
    try {
      add(
        'Kafka + Postgres',
        'classifier + aggregator',
        await pipelineRun(bus, store, names, sim.org, messages),
      );
      const seconds = await copyIntoPostgres(scratch.url, rows);
      add('Kafka + Postgres', 'Postgres alone (COPY of the same rows)', { seconds, peakRssMb: 0 });
    } finally {
      await bus.close();
      await store.close();
      await scratch.drop();
    }
  } else {
    say('KAFKA_BROKERS and DATABASE_URL unset: Kafka + Postgres skipped');
  }

  const lines = [
    '| setup | measured | events/s | × bus alone | × COPY | seconds | bench process peak RSS |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const f of figures) {
    const rate = f.events / f.seconds;
    const bus = figures.find((g) => g.setup === f.setup && g.what.startsWith('bus alone'));
    const copy = figures.find((g) => g.setup === f.setup && g.what.includes('COPY'));
    const ratio = (g: Figure | undefined) => (g && g !== f ? formatRatio(rate / (g.events / g.seconds)) : '');
    lines.push(
      `| ${f.setup} | ${f.what} | ${rate.toFixed(0)} | ${ratio(bus)} | ${ratio(copy)} | ${f.seconds.toFixed(1)} | ${f.peakRssMb ? `${f.peakRssMb} MB` : ''} |`,
    );
  }
  process.stdout.write(
    `\nbench/pipeline — ${n} simulated events, Node ${process.version}, ${new Date().toISOString()}\n\n${lines.join('\n')}\n`,
  );
}
