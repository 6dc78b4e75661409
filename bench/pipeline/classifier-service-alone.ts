import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBus } from '@pushpull/bus';
import { dlqTopic, pipelineNames, toActivityMessage } from '@pushpull/core';
import { createLogger } from '@pushpull/runtime';
import { startClassifierService } from '@pushpull/service-classifier';
import { openStore, replaceOrgChart, type Store } from '@pushpull/store';
import { createScratchDatabase } from '@pushpull/store/testing';
import { sql } from 'kysely';
import { pino } from 'pino';
import { say } from '../say';
import { simulateEvents } from '../simulate-events';
import { startProfile } from './cpu-profile';
import { publishAll } from './publish-all';
import { waitFor } from './wait-for';

/**
 * The classifier service alone: a raw topic pre-filled with `n` simulated events, then the service
 * started and timed until it has handled them all (labeled and published, dead-lettered or dropped).
 * On Kafka + Postgres when KAFKA_BROKERS and DATABASE_URL are set, else on the embedded bus + PGlite.
 * With BENCH_CPU_PROFILE=<folder> it writes `classifier-service.cpuprofile` there (summarise it with
 * `npx tsx bench/pipeline/profile-summary.ts FILE`). Prints one line: events/s, and the CPU time this
 * process spent per 1,000 events (less swayed than events/s by other load on the machine; the
 * database's and the broker's own CPU is not in it).
 *
 * @example KAFKA_BROKERS=127.0.0.1:9092 DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/pipeline/classifier-service-alone.ts 100000
 */
/** Transactions committed in the store's database so far (each statement outside a transaction is one). */
async function transactionsCommitted(store: Store): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select xact_commit::text as n from pg_stat_database where datname = current_database()`.execute(store.db);
  return Number(rows[0]?.n ?? 0);
}

async function classifierServiceAlone(n: number): Promise<void> {
  const brokers = process.env.KAFKA_BROKERS;
  const databaseUrl = process.env.DATABASE_URL;
  const onKafka = Boolean(brokers && databaseUrl);
  say(`simulating ${n} events…`);
  const sim = simulateEvents(n);
  const messages = sim.events.map(toActivityMessage);
  const names = pipelineNames(`bench-cls-${Date.now()}`);
  const bus = onKafka
    ? createBus({ kafkaBrokers: brokers!.split(','), clientId: 'bench-cls' })
    : createBus({ clientId: 'bench-cls' });
  const scratch = onKafka ? await createScratchDatabase(databaseUrl!) : null;
  const dir = mkdtempSync(join(tmpdir(), 'pushpull-bench-cls-'));
  const store = await openStore(scratch ? { databaseUrl: scratch.url, dataDir: dir } : { dataDir: dir });
  try {
    await replaceOrgChart(store.db, sim.org);
    await bus.ensureTopics([names.raw, names.labeled, dlqTopic(names.raw)]);
    await publishAll(bus, names.raw, messages);
    say(`${n} events on ${onKafka ? 'Kafka' : 'the embedded bus'}; starting the classifier service`);
    const logger = createLogger('warn', 'bench', pino.destination({ dest: 2, sync: true }));
    const committed0 = scratch ? await transactionsCommitted(store) : 0;
    const profiler = await startProfile();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let batches = 0;
    const service = await startClassifierService({
      bus,
      store,
      logger,
      names,
      onBatchDone: () => {
        batches++;
      },
    });
    const done = () => service.stats.labeled + service.stats.deadLettered + service.stats.suppressed;
    await waitFor(`all ${n} events handled`, () => done() >= n, 1_800_000, 10);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuMsPerThousand = (cpu.user + cpu.system) / n;
    await profiler?.stop('classifier-service');
    await service.stop();
    // Postgres publishes its statistics within a second of a transaction's end.
    const statements = scratch
      ? await new Promise((r) => setTimeout(r, 1500)).then(() => transactionsCommitted(store))
      : null;
    const roundTrips =
      statements === null
        ? ''
        : `; ${((statements - committed0 - 1) / batches).toFixed(1)} database transactions per batch (${batches} batches)`;
    process.stdout.write(
      `classifier service alone, ${onKafka ? 'Kafka + Postgres' : 'embedded + PGlite'}: ${n} events in ${seconds.toFixed(1)} s = ${(n / seconds).toFixed(0)} events/s; ${cpuMsPerThousand.toFixed(0)} ms of this process's CPU per 1,000 events${roundTrips}\n`,
    );
  } finally {
    await bus.close();
    await store.close();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await classifierServiceAlone(Number(process.argv[2] ?? 50_000));
