import { isPushpullError } from '@pushpull/core';
import { requireServices, uniqueName } from '@pushpull/testkit';
import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { KAFKA_CLIENT_NAMES } from './create-bus';
import type { KafkaBusOptions } from './kafka-bus';
import { partitionForKey } from './partition-for-key';
import { describeBusContract } from './testing/bus-contract';
import { kafkaBusWithLogs } from './testing/kafka-bus-with-logs';

const env = requireServices('bus contract on Kafka', ['KAFKA_BROKERS']);
const brokers = env ? env.KAFKA_BROKERS.split(',') : [];

/** Short timeouts so that joins, leaves and rebalances take milliseconds in tests. */
const FAST: Omit<KafkaBusOptions, 'brokers' | 'clientId'> = {
  sessionTimeoutMs: 6_000,
  rebalanceTimeoutMs: 10_000,
  heartbeatIntervalMs: 500,
  maxWaitTimeMs: 50,
};

/** A kafkajs admin client to look at (and trim) topics from outside the bus under test. */
const newAdmin = () =>
  new kafkajs.Kafka({ brokers, clientId: 'bus-test-admin', logLevel: kafkajs.logLevel.NOTHING }).admin();

/** Both Kafka buses (kafkajs, @platformatic/kafka) pass every test here; their log lines are kept, not printed. */
describe.skipIf(!env).each(KAFKA_CLIENT_NAMES)('Kafka bus on %s', (kafkaClient) => {
  const newBus = (options: Omit<KafkaBusOptions, 'brokers' | 'clientId'> = {}) =>
    kafkaBusWithLogs({ brokers, ...FAST, ...options, kafkaClient }).bus;

  describeBusContract(`kafka (${kafkaClient})`, async () => newBus());

  it('fails fast with one BUS_UNREACHABLE error when no broker answers', async () => {
    const { bus } = kafkaBusWithLogs({ brokers: ['127.0.0.1:1'], clientId: 'unreachable', kafkaClient });
    // "Fast" is this test's timeout: the client gives up on its own instead of retrying forever.
    const err = await bus.ensureTopics([uniqueName('never')]).catch((e: unknown) => e);
    expect(isPushpullError(err, 'BUS_UNREACHABLE')).toBe(true);
    expect((err as Error).message).toMatch(
      /^cannot reach Kafka at KAFKA_BROKERS=127\.0\.0\.1:1: .*ECONNREFUSED/,
    );
    await bus.close();
  });

  it('creates a topic and its .dlq idempotently, and partitions keys like the embedded bus', async () => {
    const bus = newBus();
    const topic = uniqueName('bus-topics');
    const admin = newAdmin();
    await admin.connect();
    try {
      await bus.ensureTopics([topic], 4);
      await bus.ensureTopics([topic], 4);
      const meta = await admin.fetchTopicMetadata({ topics: [topic, `${topic}.dlq`] });
      expect(meta.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual([
        [topic, 4],
        [`${topic}.dlq`, 4],
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
      for (const key of keys) expect(seen.get(key), key).toBe(partitionForKey(key, 4));
      // keyless records are spread over the partitions (@platformatic/kafka's own partitioner puts them all on 0)
      const before = await admin.fetchTopicOffsets(topic);
      await bus.publish(
        topic,
        Array.from({ length: 12 }, (_, i) => ({ key: null, value: Buffer.from(String(i)) })),
      );
      const after = await admin.fetchTopicOffsets(topic);
      const added = after.map(
        (o) => Number(o.high) - Number(before.find((b) => b.partition === o.partition)!.high),
      );
      expect(added.reduce((a, b) => a + b, 0)).toBe(12);
      expect(added.filter((n) => n > 0).length).toBeGreaterThan(1);
    } finally {
      await admin.disconnect();
      await bus.close();
    }
  });

  it('keeps the client quiet and never logs message contents', async () => {
    const { bus, logs } = kafkaBusWithLogs({ brokers, ...FAST, logLevel: 'debug', kafkaClient });
    const topic = uniqueName('bus-logs');
    const secret = 'SECRET-PAYLOAD-do-not-log';
    await bus.publish(topic, [{ key: 'secret-key-value', value: Buffer.from(secret) }]);
    let seen = 0;
    const consumer = await bus.consume({
      topic,
      groupId: uniqueName('group'),
      handler: async (batch) => {
        seen += batch.messages.length;
        return batch.messages.map(() => ({ kind: 'dlq', reason: 'test', step: 'test' }));
      },
    });
    const deadline = Date.now() + 20_000;
    while (seen < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await consumer.stop();
    await bus.close();
    expect(seen).toBe(1);
    expect(logs.length).toBeGreaterThan(0);
    const text = JSON.stringify(logs);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('secret-key-value');
  });

  it('starts at the earliest kept record when retention deleted the committed offset, and loses no later record', async () => {
    const bus = newBus();
    const topic = uniqueName('bus-retention');
    const groupId = uniqueName('group');
    const admin = newAdmin();
    await admin.connect();
    const readAll = async (want: number) => {
      const offsets: number[] = [];
      let fatal: unknown = null;
      const consumer = await bus.consume({
        topic,
        groupId,
        onFatal: (err) => {
          fatal = err;
        },
        handler: async (batch) => {
          for (const m of batch.messages) offsets.push(Number(m.offset));
          return batch.messages.map(() => ({ kind: 'ok' }));
        },
      });
      const deadline = Date.now() + 30_000;
      while (offsets.length < want && fatal === null && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await consumer.stop();
      return { offsets, fatal };
    };
    const publish = (from: number, n: number) =>
      bus.publish(
        topic,
        Array.from({ length: n }, (_, i) => ({ key: 'k', value: Buffer.from(String(from + i)) })),
      );
    try {
      await bus.ensureTopics([topic], 1);
      await publish(0, 10);
      expect((await readAll(10)).offsets).toEqual([...Array(10).keys()]);
      // the group has committed 10; ten more arrive, and retention removes everything before offset 15
      await publish(10, 10);
      await admin.fetchTopicMetadata({ topics: [topic] }); // kafkajs's admin needs it loaded first
      await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '15' }] });
      const after = await readAll(5);
      expect(after.fatal).toBeNull();
      expect(after.offsets).toEqual([15, 16, 17, 18, 19]);
    } finally {
      await admin.disconnect();
      await bus.close();
    }
  });

  it('keeps its partitions through a handler batch longer than the session timeout', async () => {
    const bus = newBus();
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
