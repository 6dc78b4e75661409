import { createBus } from '@pushpull/bus';
import { dlqTopic, pipelineNames, toActivityMessage } from '@pushpull/core';
import { countFacts, openStore } from '@pushpull/store';
import { ALL_SERVICES, requireServices } from '@pushpull/testkit';
import { describe, expect, it } from 'vitest';
import { faultWorkload, storedAndExpectedCounts } from '../support/fault-run';
import { CLI_BIN, spawnEntry, waitFor } from '../support/spawn-service';
import { realServicesConfig } from '../support/test-pipeline';

const env = requireServices('the classifier kill -9 fault test', ALL_SERVICES);

describe.skipIf(!env)('the classifier killed with SIGKILL mid-stream', () => {
  it('a restarted classifier resumes where the dead one stopped: every event labeled and stored exactly once', async () => {
    const { config, namespace, dropDatabase } = await realServicesConfig(env!);
    const names = pipelineNames(namespace);
    const direct = await openStore({ databaseUrl: config.databaseUrl!, dataDir: '/nonexistent' });
    const { sim, labels } = await faultWorkload(direct, 31);
    const bus = createBus({ kafkaBrokers: config.kafkaBrokers!, clientId: 'classifier-kill-test' });
    const childEnv = {
      KAFKA_BROKERS: env!.KAFKA_BROKERS,
      DATABASE_URL: config.databaseUrl!,
      PUSHPULL_NAMESPACE: namespace,
      PUSHPULL_LOG_LEVEL: 'info',
      PUSHPULL_METRICS_PORT: '0',
    };
    const aggregator = spawnEntry(CLI_BIN, ['serve', '--only', 'aggregator'], childEnv);
    const first = spawnEntry(CLI_BIN, ['serve', '--only', 'classifier'], childEnv);
    let second: ReturnType<typeof spawnEntry> | undefined;
    try {
      await bus.ensureTopics([names.raw, dlqTopic(names.raw), names.labeled, dlqTopic(names.labeled)]);
      for (let i = 0; i < sim.events.length; i += 2000) {
        await bus.publish(names.raw, sim.events.slice(i, i + 2000).map(toActivityMessage));
      }
      await waitFor('the first facts', async () => (await countFacts(direct.db)) > 2000, 120_000, 50);
      first.child.kill('SIGKILL');
      await first.exited;
      const atKill = await countFacts(direct.db);
      expect(atKill).toBeLessThan(labels.length); // really killed mid-stream

      const restartedAt = performance.now();
      second = spawnEntry(CLI_BIN, ['serve', '--only', 'classifier'], childEnv);
      const restarted = second;
      await waitFor(
        'the restarted classifier is assigned its partitions',
        async () => /assigned partitions/.test(restarted.stdout() + restarted.stderr()),
        120_000,
        50,
      );
      const resumedAfter = (performance.now() - restartedAt) / 1000;
      await waitFor('every fact', async () => (await countFacts(direct.db)) === labels.length, 180_000, 200);
      await new Promise((r) => setTimeout(r, 1500)); // nothing more arrives late

      expect(await countFacts(direct.db)).toBe(labels.length);
      const { stored, expected } = await storedAndExpectedCounts(direct, labels);
      expect(stored).toEqual(expected);
      const assigned = (restarted.stdout() + restarted.stderr())
        .split('\n')
        .find((l) => /assigned partitions/.test(l));
      process.stderr.write(
        `[fault] classifier killed at ${atKill} of ${labels.length} facts; the restarted one was consuming ` +
          `${resumedAfter.toFixed(1)} s after it was started (${/after (\d+) ms/.exec(assigned ?? '')?.[0] ?? '?'} of waiting for partitions)\n`,
      );
    } finally {
      for (const p of [first, second, aggregator])
        if (p && p.child.exitCode === null) p.child.kill('SIGTERM');
      await Promise.all([first.exited, second?.exited, aggregator.exited]);
      await bus.close();
      await direct.close();
      await dropDatabase();
    }
  }, 400_000);
});
