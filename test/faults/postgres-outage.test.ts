import { createBus } from '@pushpull/bus';
import { dlqTopic, pipelineNames, toActivityMessage } from '@pushpull/core';
import { servePipeline } from '@pushpull/service-all-in-one';
import { countFacts, openStore } from '@pushpull/store';
import { hostPortOf, requireServices, TcpProxy, throughProxy } from '@pushpull/testkit';
import { describe, expect, it } from 'vitest';
import { capturingLogger, faultWorkload, storedAndExpectedCounts } from '../support/fault-run';
import { waitFor } from '../support/spawn-service';
import { realServicesConfig } from '../support/test-pipeline';

const env = requireServices('the Postgres outage fault test', ['KAFKA_BROKERS', 'DATABASE_URL', 'REDIS_URL']);

describe.skipIf(!env)('Postgres goes away mid-stream (a restart, as its clients see it)', () => {
  it('classifier and aggregator keep running, retry the interrupted batches and store every event exactly once', async () => {
    const { config, namespace, dropDatabase } = await realServicesConfig(env!);
    const names = pipelineNames(namespace);
    // Postgres as the services see it: through a proxy that can cut every connection and refuse new ones
    const target = hostPortOf(config.databaseUrl!, 5432);
    const proxy = new TcpProxy(target.host, target.port);
    await proxy.up();
    const direct = await openStore({ databaseUrl: config.databaseUrl!, dataDir: '/nonexistent' });
    const { sim, labels } = await faultWorkload(direct, 23);
    const { lines, logger } = capturingLogger();
    const fatal: unknown[] = [];
    const pipeline = await servePipeline({
      config: { ...config, databaseUrl: throughProxy(config.databaseUrl!, proxy.port) },
      logger,
      services: ['classifier', 'aggregator'],
      onFatal: (err) => fatal.push(err),
    });
    const bus = createBus({ kafkaBrokers: config.kafkaBrokers!, clientId: 'postgres-outage-test' });
    try {
      await bus.ensureTopics([names.raw, dlqTopic(names.raw)]);
      for (let i = 0; i < sim.events.length; i += 2000) {
        await bus.publish(names.raw, sim.events.slice(i, i + 2000).map(toActivityMessage));
      }
      await waitFor('the first facts', async () => (await countFacts(direct.db)) > 2000, 120_000, 100);
      await proxy.down();
      const cutAt = await countFacts(direct.db);
      expect(cutAt).toBeLessThan(labels.length); // really cut mid-stream
      await new Promise((r) => setTimeout(r, 8000));
      const backAt = performance.now();
      await proxy.up();
      await waitFor(
        'every fact',
        async () => {
          if (fatal.length > 0) throw new Error(`a consumer gave up: ${String(fatal[0])}`);
          return (await countFacts(direct.db)) === labels.length;
        },
        180_000,
        200,
      );
      const caughtUp = (performance.now() - backAt) / 1000;
      await pipeline.settled(120_000);

      expect(await countFacts(direct.db)).toBe(labels.length);
      const { stored, expected } = await storedAndExpectedCounts(direct, labels);
      expect(stored).toEqual(expected);

      const down = lines.filter((l) => /^Postgres unreachable/.test(l.msg));
      const back = lines.filter((l) => /^Postgres is back after/.test(l.msg));
      // one line when it went and one when it was back, per consumer (classifier, aggregator) at most
      expect(down.length).toBeGreaterThanOrEqual(1);
      expect(down.length).toBeLessThanOrEqual(2);
      expect(back.length).toBe(down.length);
      expect(lines.filter((l) => l.level >= 50)).toEqual([]);
      process.stderr.write(
        `[fault] Postgres cut for 8 s at ${cutAt} of ${labels.length} facts: ${down.length} consumer(s) waited; ` +
          `every event stored once ${caughtUp.toFixed(1)} s after it was back (${back.map((l) => l.msg).join('; ')})\n`,
      );
    } finally {
      await pipeline.stop();
      await bus.close();
      await direct.close();
      await proxy.down();
      await dropDatabase();
    }
  }, 400_000);
});
