import { isPushpullError } from '@pushpull/core';
import { requireServices, uniqueName } from '@pushpull/testkit';
import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { KafkaBusOptions } from './kafka-bus';
import type { BusLogEntry } from './kafka-log-creator';
import { partitionForKey } from './partition-for-key';
import { PlatformaticKafkaBus } from './platformatic-kafka-bus';
import { describeBusContract } from './testing/bus-contract';

const env = requireServices('bus contract on Kafka (@platformatic/kafka)', ['KAFKA_BROKERS']);
const brokers = env ? env.KAFKA_BROKERS.split(',') : [];

/** The same short timeouts as the kafkajs bus's tests. */
const FAST: Omit<KafkaBusOptions, 'brokers' | 'clientId'> = {
  sessionTimeoutMs: 6_000,
  rebalanceTimeoutMs: 10_000,
  heartbeatIntervalMs: 500,
  maxWaitTimeMs: 50,
};

const quiet = (logs: BusLogEntry[]) => (e: BusLogEntry) => void logs.push(e);

describe.skipIf(!env)('PlatformaticKafkaBus', () => {
  describeBusContract(
    'kafka (@platformatic/kafka)',
    async () =>
      new PlatformaticKafkaBus({ brokers, clientId: uniqueName('bus-test'), ...FAST, logSink: quiet([]) }),
  );

  it('fails fast with one BUS_UNREACHABLE error when no broker answers', async () => {
    const bus = new PlatformaticKafkaBus({ brokers: ['127.0.0.1:1'], clientId: 'unreachable' });
    const err = await bus.ensureTopics([uniqueName('never')]).catch((e: unknown) => e);
    expect(isPushpullError(err, 'BUS_UNREACHABLE')).toBe(true);
    expect((err as Error).message).toMatch(/^cannot reach Kafka at KAFKA_BROKERS=127\.0\.0\.1:1: /);
    await bus.close();
  });

  it('creates a topic and its .dlq with the partitions asked, and partitions keys like kafkajs and the embedded bus', async () => {
    const bus = new PlatformaticKafkaBus({
      brokers,
      clientId: uniqueName('bus-test'),
      ...FAST,
      logSink: quiet([]),
    });
    const topic = uniqueName('bus-topics');
    const admin = new kafkajs.Kafka({
      brokers,
      clientId: 'bus-test-admin',
      logLevel: kafkajs.logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      await bus.ensureTopics([topic], 5);
      await bus.ensureTopics([topic], 5);
      const meta = await admin.fetchTopicMetadata({ topics: [topic, `${topic}.dlq`] });
      expect(meta.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual([
        [topic, 5],
        [`${topic}.dlq`, 5],
      ]);
      const keys = Array.from({ length: 40 }, (_, i) => `conversation-${i}`);
      await bus.publish(
        topic,
        keys.map((key) => ({ key, value: Buffer.from(key) })),
      );
      const seen = new Map<string, number>();
      const consumer = await bus.consume({
        topic,
        groupId: uniqueName('group'),
        handler: async (batch) => {
          for (const m of batch.messages) seen.set(m.key!, m.partition);
          return batch.messages.map(() => ({ kind: 'ok' }));
        },
      });
      const deadline = Date.now() + 20_000;
      while (seen.size < keys.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await consumer.stop();
      expect(seen.size).toBe(keys.length);
      for (const key of keys) expect(seen.get(key), key).toBe(partitionForKey(key, 5));
      // keyless records are spread, not all on partition 0 (the client's own default for them)
      await bus.publish(
        topic,
        Array.from({ length: 10 }, (_, i) => ({ key: null, value: Buffer.from(String(i)) })),
      );
      const offsets = await admin.fetchTopicOffsets(topic);
      const fromKeys = new Map<number, number>();
      for (const key of keys)
        fromKeys.set(partitionForKey(key, 5), (fromKeys.get(partitionForKey(key, 5)) ?? 0) + 1);
      const keyless = offsets.map((o) => Number(o.high) - (fromKeys.get(o.partition) ?? 0));
      expect(keyless.reduce((a, b) => a + b, 0)).toBe(10);
      expect(keyless.filter((n) => n > 0).length).toBeGreaterThan(1);
    } finally {
      await admin.disconnect();
      await bus.close();
    }
  });

  it('keeps its partitions through a handler batch longer than the session timeout', async () => {
    const bus = new PlatformaticKafkaBus({
      brokers,
      clientId: uniqueName('bus-test'),
      ...FAST,
      logSink: quiet([]),
    });
    const topic = uniqueName('bus-long');
    const groupId = uniqueName('group');
    try {
      await bus.ensureTopics([topic], 1);
      await bus.publish(topic, [{ key: 'k', value: Buffer.from('slow') }]);
      let calls = 0;
      const consumer = await bus.consume({
        topic,
        groupId,
        handler: async (batch) => {
          calls++;
          await new Promise((r) => setTimeout(r, 8_000));
          return batch.messages.map(() => ({ kind: 'ok' }));
        },
      });
      const deadline = Date.now() + 30_000;
      while ((calls === 0 || (await consumer.lag()) > 0) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await consumer.lag()).toBe(0);
      expect(calls).toBe(1);
      await consumer.stop();
    } finally {
      await bus.close();
    }
  });
});
