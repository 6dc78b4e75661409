import { createBus } from '@pushpull/bus';
import { dlqTopic, pipelineNames, toActivityMessage } from '@pushpull/core';
import { countFacts, openStore } from '@pushpull/store';
import { hostPortOf, REDIRECT_PRELOAD, requireServices, TcpProxy } from '@pushpull/testkit';
import { describe, expect, it } from 'vitest';
import { faultWorkload, storedAndExpectedCounts } from '../support/fault-run';
import { localBroker } from '../support/local-broker';
import { CLI_BIN, spawnEntry, waitFor } from '../support/spawn-service';
import { realServicesConfig } from '../support/test-pipeline';

const env = requireServices('the broker outage fault test', ['KAFKA_BROKERS', 'DATABASE_URL', 'REDIS_URL']);

describe.skipIf(!env)('the Kafka broker is restarted mid-stream', () => {
  it('classifier and aggregator (one `pushpull serve` process) keep running and store every event exactly once', async () => {
    const { config, namespace, dropDatabase } = await realServicesConfig(env!);
    const names = pipelineNames(namespace);
    const broker = env!.KAFKA_BROKERS.split(',')[0]!.trim();
    // a real restart (stop, then start on the same data) when the broker is the one infra/kafka started on
    // this machine, as in CI; any other broker is cut off through a proxy the services are redirected to
    const local = localBroker(broker);
    let proxy: TcpProxy | undefined;
    if (!local) {
      const target = hostPortOf(broker, 9092);
      proxy = new TcpProxy(target.host, target.port);
      await proxy.up();
    }
    const direct = await openStore({ databaseUrl: config.databaseUrl!, dataDir: '/nonexistent' });
    const { sim, labels } = await faultWorkload(direct, 29);
    // PUSHPULL_KAFKA_CLIENT (kafkajs by default) picks the client of this test's bus and of the services
    const kafkaClient = config.kafkaClient;
    const bus = createBus({
      kafkaBrokers: config.kafkaBrokers!,
      kafkaClient,
      clientId: 'broker-outage-test',
    });
    const serve = spawnEntry(CLI_BIN, ['serve', '--only', 'classifier,aggregator'], {
      KAFKA_BROKERS: broker,
      DATABASE_URL: config.databaseUrl!,
      PUSHPULL_NAMESPACE: namespace,
      PUSHPULL_LOG_LEVEL: 'info',
      PUSHPULL_METRICS_PORT: '0',
      PUSHPULL_KAFKA_CLIENT: kafkaClient,
      ...(proxy
        ? {
            NODE_OPTIONS: `--require ${REDIRECT_PRELOAD}`,
            PUSHPULL_TEST_REDIRECT: `${broker}=127.0.0.1:${proxy.port}`,
          }
        : {}),
    });
    let exited: { code: number | null } | undefined;
    void serve.exited.then((e) => {
      exited = e;
    });
    try {
      await bus.ensureTopics([names.raw, dlqTopic(names.raw), names.labeled, dlqTopic(names.labeled)]);
      for (let i = 0; i < sim.events.length; i += 2000) {
        await bus.publish(names.raw, sim.events.slice(i, i + 2000).map(toActivityMessage));
      }
      await waitFor(
        'the first facts',
        async () => {
          if (exited) throw new Error(`pushpull serve exited (${exited.code}):\n${serve.stderr()}`);
          return (await countFacts(direct.db)) > 2000;
        },
        120_000,
        100,
      );
      const cutAt = await countFacts(direct.db);
      const stopAt = performance.now();
      if (local) await local.stop();
      else await proxy!.down();
      const stoppedIn = (performance.now() - stopAt) / 1000;
      expect(cutAt).toBeLessThan(labels.length); // really cut mid-stream
      await new Promise((r) => setTimeout(r, 8000));
      expect(await countFacts(direct.db)).toBeLessThan(labels.length); // the services really lost the broker
      const startAt = performance.now();
      if (local) await local.start();
      else await proxy!.up();
      const startedIn = (performance.now() - startAt) / 1000;
      const backAt = performance.now();
      await waitFor(
        'every fact',
        async () => {
          if (exited) throw new Error(`pushpull serve exited (${exited.code}):\n${serve.stderr()}`);
          return (await countFacts(direct.db)) === labels.length;
        },
        180_000,
        200,
      );
      const caughtUp = (performance.now() - backAt) / 1000;
      await new Promise((r) => setTimeout(r, 1500)); // nothing more arrives late
      expect(exited).toBeUndefined(); // nobody restarted it by hand

      expect(await countFacts(direct.db)).toBe(labels.length);
      const { stored, expected } = await storedAndExpectedCounts(direct, labels);
      expect(stored).toEqual(expected);
      const ours = `${serve.stdout()}\n${serve.stderr()}`
        .split('\n')
        .filter((l) => /unreachable: retrying|is back after|gave up|BUS_HANDLER_FAILED/.test(l));
      expect(ours.filter((l) => /gave up|BUS_HANDLER_FAILED/.test(l))).toEqual([]);
      process.stderr.write(
        `[fault] ${local ? `broker stopped (in ${stoppedIn.toFixed(1)} s), down 8 s, started again (serving after ${startedIn.toFixed(1)} s)` : 'broker cut off through a proxy for 8 s (not a broker infra/kafka started: no real restart)'} at ${cutAt} of ${labels.length} facts: every event stored once ` +
          `${caughtUp.toFixed(1)} s after it was back; the service said:\n  ${ours.map((l) => l.slice(0, 200)).join('\n  ') || '(nothing: no batch failed)'}\n`,
      );
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
      await bus.close();
      await direct.close();
      await proxy?.down();
      await local?.start(); // (returns at once when it runs) never leave the suites after this without a broker
      await dropDatabase();
    }
  }, 400_000);
});
