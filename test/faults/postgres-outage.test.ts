import { createBus } from '@pushpull/bus';
import { dlqTopic, pipelineNames, toActivityMessage } from '@pushpull/core';
import { servePipeline } from '@pushpull/service-all-in-one';
import { countFacts, openStore } from '@pushpull/store';
import { PrivatePostgres, requireServices } from '@pushpull/testkit';
import { describe, expect, it } from 'vitest';
import { capturingLogger, faultWorkload, storedAndExpectedCounts } from '../support/fault-run';
import { waitFor } from '../support/spawn-service';
import { realServicesConfig } from '../support/test-pipeline';

const env = requireServices('the Postgres outage fault test', ['KAFKA_BROKERS', 'DATABASE_URL', 'REDIS_URL']);

describe.skipIf(!env)('Postgres is stopped and started again mid-stream (a real server restart)', () => {
  it('classifier and aggregator keep running, retry the interrupted batches and store every event exactly once', async () => {
    const { config, namespace, dropDatabase } = await realServicesConfig(env!);
    const names = pipelineNames(namespace);
    // a Postgres server of the test's own (its own data directory and port), so it can really be stopped:
    // every session ends ("terminating connection due to administrator command"), new ones are refused
    const server = await PrivatePostgres.create();
    const databaseUrl = server.url();
    const direct = await openStore({ databaseUrl, dataDir: '/nonexistent' });
    const { sim, labels } = await faultWorkload(direct, 23);
    const { lines, logger } = capturingLogger();
    const fatal: unknown[] = [];
    const pipeline = await servePipeline({
      config: { ...config, databaseUrl },
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
      const cutAt = await countFacts(direct.db);
      const stopAt = performance.now();
      await server.stop('fast');
      const stoppedIn = (performance.now() - stopAt) / 1000;
      expect(cutAt).toBeLessThan(labels.length); // really cut mid-stream
      await new Promise((r) => setTimeout(r, 8000));
      await server.start();
      const backAt = performance.now();
      await waitFor(
        'every fact',
        async () => {
          if (fatal.length > 0) throw new Error(`a consumer gave up: ${String(fatal[0])}`);
          // the test's own pool lost its connections too: a query that meets a dead one is asked again
          return (await countFacts(direct.db).catch(() => -1)) === labels.length;
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
        `[fault] Postgres stopped (in ${stoppedIn.toFixed(1)} s) for 8 s and started again at ${cutAt} of ${labels.length} facts: ${down.length} consumer(s) waited; ` +
          `every event stored once ${caughtUp.toFixed(1)} s after it was back (${back.map((l) => l.msg).join('; ')})\n`,
      );
    } finally {
      await pipeline.stop();
      await bus.close();
      await direct.close();
      await server.destroy();
      await dropDatabase();
    }
  }, 400_000);
});
