import { type BusMessage, createBus } from '@pushpull/bus';
import { classifyEvent, InMemoryConversationMemory } from '@pushpull/classifier';
import {
  dlqTopic,
  type LabeledEvent,
  pipelineNames,
  toActivityMessage,
  toLabeledMessage,
} from '@pushpull/core';
import { OrgChart } from '@pushpull/org';
import { servePipeline } from '@pushpull/service-all-in-one';
import { simulateOrganisation } from '@pushpull/simulator';
import { countFacts, openStore, queryPersonCounts, replaceOrgChart } from '@pushpull/store';
import { ALL_SERVICES, requireServices, uniqueName } from '@pushpull/testkit';
import { describe, expect, it } from 'vitest';
import { countsFromLabels } from '../support/counts-from-labels';
import { type Counts, countLines } from '../support/expected-counts';
import { CLI_BIN, serviceMain, spawnEntry, waitFor } from '../support/spawn-service';
import { realServicesConfig, testLogger } from '../support/test-pipeline';

const env = requireServices('fault tests on Kafka + Postgres', ALL_SERVICES);

describe.skipIf(!env)('faults', () => {
  it('an aggregator killed mid-batch and restarted ends with exactly the right counts', async () => {
    const { config, namespace, dropDatabase } = await realServicesConfig(env!);
    const names = pipelineNames(namespace);
    const sim = simulateOrganisation({ seed: 11, people: 120, days: 20, start: '2026-08-03' });
    const org = OrgChart.fromRows(sim.org, {});
    const memory = new InMemoryConversationMemory();
    const labels: LabeledEvent[] = sim.events.map((e) => classifyEvent(e, { org, memory }));
    const bus = createBus({ kafkaBrokers: config.kafkaBrokers!, clientId: 'fault-test' });
    const store = await openStore({ databaseUrl: config.databaseUrl!, dataDir: '/nonexistent' });
    try {
      await bus.ensureTopics([names.labeled, dlqTopic(names.labeled)]);
      for (let i = 0; i < labels.length; i += 2000) {
        await bus.publish(names.labeled, labels.slice(i, i + 2000).map(toLabeledMessage));
      }
      // a replayed duplicate of the first 500 must not count twice either
      await bus.publish(names.labeled, labels.slice(0, 500).map(toLabeledMessage));
      const childEnv = {
        KAFKA_BROKERS: env!.KAFKA_BROKERS,
        DATABASE_URL: config.databaseUrl!,
        PUSHPULL_NAMESPACE: namespace,
      };

      const first = spawnEntry(serviceMain('aggregator'), [], childEnv);
      await waitFor('the first facts', async () => (await countFacts(store.db)) > 2000, 90_000);
      first.child.kill('SIGKILL');
      await first.exited;
      const atKill = await countFacts(store.db);
      expect(atKill).toBeLessThan(labels.length); // really killed mid-stream

      const restartedAt = performance.now();
      const second = spawnEntry(serviceMain('aggregator'), [], childEnv);
      await waitFor(
        'the restarted aggregator writes',
        async () => (await countFacts(store.db)) > atKill,
        120_000,
        50,
      );
      const resumedAfter = (performance.now() - restartedAt) / 1000;
      await waitFor('every fact', async () => (await countFacts(store.db)) === labels.length, 120_000, 200);
      process.stderr.write(
        `[fault] aggregator killed at ${atKill} of ${labels.length} facts; the restarted one was writing again ` +
          `${resumedAfter.toFixed(1)} s after it was started\n`,
      );
      await new Promise((r) => setTimeout(r, 1500)); // nothing more arrives late
      second.child.kill('SIGTERM');
      const exit = await second.exited;
      expect(exit.code).toBe(0);

      expect(await countFacts(store.db)).toBe(labels.length);
      const rows = await queryPersonCounts(store.db, { from: '2000-01-01', to: '2100-01-01' });
      const actual = new Map<string, Record<string, Counts>>(rows.map((r) => [r.personId, r.counts]));
      expect(countLines(actual)).toEqual(countLines(countsFromLabels(labels)));
    } finally {
      await bus.close();
      await store.close();
      await dropDatabase();
    }
  }, 300_000);

  it('a malformed raw message lands on the DLQ with its reason and the rest is processed', async () => {
    const { config, dropDatabase } = await realServicesConfig(env!);
    const sim = simulateOrganisation({ seed: 3, people: 12, days: 3, start: '2026-09-07' });
    const orgStore = await openStore({ databaseUrl: config.databaseUrl!, dataDir: '/nonexistent' });
    await replaceOrgChart(orgStore.db, sim.org);
    await orgStore.close();
    const pipeline = await servePipeline({
      config,
      logger: testLogger(),
      services: ['classifier', 'aggregator'],
    });
    const names = pipeline.runtime.names;
    const garbage = Buffer.from('{"specversion":"1.0","this is":"not an event"');
    const invalid = Buffer.from(
      JSON.stringify({
        specversion: '1.0',
        id: 'x',
        source: 's',
        type: 'dev.pushpull.activity.v1',
        data: { id: 'x' },
      }),
    );
    try {
      const half = Math.floor(sim.events.length / 2);
      const msg = toActivityMessage;
      await pipeline.runtime.bus.publish(names.raw, sim.events.slice(0, half).map(msg));
      await pipeline.runtime.bus.publish(names.raw, [
        { key: 'bad-1', value: garbage },
        { key: 'bad-2', value: invalid },
      ]);
      await pipeline.runtime.bus.publish(names.raw, sim.events.slice(half).map(msg));
      await pipeline.settled(120_000);
      expect(await countFacts(pipeline.runtime.store.db)).toBe(sim.events.length);

      const dead: BusMessage[] = [];
      const consumer = await pipeline.runtime.bus.consume({
        topic: dlqTopic(names.raw),
        groupId: uniqueName('dlq-reader'),
        handler: async (batch) => {
          dead.push(...batch.messages);
          return batch.messages.map(() => ({ kind: 'ok' as const }));
        },
      });
      await waitFor('two dead letters', async () => dead.length >= 2, 60_000);
      await consumer.stop();
      const byKey = new Map(dead.map((m) => [m.key, m]));
      expect(byKey.get('bad-1')?.value.equals(garbage)).toBe(true);
      expect(byKey.get('bad-1')?.headers['dlq-reason']).toMatch(/not valid JSON/);
      expect(byKey.get('bad-1')?.headers['dlq-step']).toBe('classifier.decode');
      expect(byKey.get('bad-2')?.value.equals(invalid)).toBe(true);
      expect(byKey.get('bad-2')?.headers['dlq-reason']).toMatch(/bad ActivityEvent/);
    } finally {
      await pipeline.stop();
      await dropDatabase();
    }
  }, 240_000);

  it('Postgres unreachable at start: one clear error, non-zero exit, no retry loop, no password', async () => {
    // No retry loop: the process exits by itself within the test's timeout, after exactly one line.
    const proc = spawnEntry(CLI_BIN, ['serve', '--only', 'aggregator'], {
      DATABASE_URL: 'postgres://postgres:topsecret-pw@127.0.0.1:1/nowhere',
      KAFKA_BROKERS: env!.KAFKA_BROKERS,
    });
    const exit = await proc.exited;
    expect(exit.code).toBe(1);
    const lines = proc.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^pushpull serve: cannot reach Postgres at DATABASE_URL=.*127\.0\.0\.1:1/);
    expect(proc.stderr() + proc.stdout()).not.toContain('topsecret-pw');
  }, 60_000);
});
