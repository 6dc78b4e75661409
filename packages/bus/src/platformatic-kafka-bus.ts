import { Admin, type MessageToProduce, ProduceAcks, Producer } from '@platformatic/kafka';
import type { ConsumeSettings } from './consume-settings';
import { KafkaBusBase, type KafkaBusOptions } from './kafka-bus-base';
import { platformaticErrorWith } from './kafka-error-chain';
import type { KafkaPublisher, PublisherProducer } from './kafka-publisher';
import { platformaticConnectionOptions } from './kafka-security';
import { murmur2 } from './partition-for-key';
import { type PlatformaticConsumerHost, PlatformaticKafkaConsumer } from './platformatic-kafka-consumer';

/** Options of {@link PlatformaticKafkaBus}: those of `KafkaBus` (its `logLevel` is not used: the client does not log). */
export type PlatformaticKafkaBusOptions = KafkaBusOptions & {
  /** Largest fetch per partition, in bytes. Default 1 048 576 (kafkajs's default, so both buses fetch alike). */
  maxBytesPerPartition?: number;
};

/**
 * The {@link Bus} on Apache Kafka through @platformatic/kafka 1.35 (the last line that runs on Node 20.19),
 * selected with `PUSHPULL_KAFKA_CLIENT=platformatic`. The same behaviour as `KafkaBus` (what does not depend
 * on the client is their common {@link KafkaBusBase}) and the same contract suite: one idempotent producer
 * (acks from every in-sync replica) driven by the same {@link KafkaPublisher} (ordered, coalesced requests
 * of ≤ `maxRequestBytes`); keys on Kafka's own partitioner (murmur2 & 0x7fffffff, where kafkajs and
 * `EmbeddedBus` place them; the client's default differs), keyless records round robin; topics and their
 * `.dlq` created on demand with the asked partition count; consumers with manual commits after each applied
 * batch (see {@link PlatformaticKafkaConsumer}); TLS and SASL PLAIN/SCRAM from `security`.
 *
 * @example
 * const bus = new PlatformaticKafkaBus({ brokers: ['127.0.0.1:9092'], clientId: 'pushpull-classifier' });
 * await bus.publish('pushpull.activity.raw.v1', [{ key: 'conv-1', value: Buffer.from('{}') }]);
 * await bus.close();
 */
export class PlatformaticKafkaBus extends KafkaBusBase<PlatformaticKafkaConsumer> {
  private readonly admin: Admin;
  protected readonly publisher: KafkaPublisher;
  private readonly host: PlatformaticConsumerHost;
  private readonly connection: PlatformaticConsumerHost['connection'];

  constructor(options: PlatformaticKafkaBusOptions) {
    super(options);
    this.connection = {
      clientId: this.options.clientId,
      bootstrapBrokers: this.options.brokers,
      ...platformaticConnectionOptions(options.security),
    };
    this.admin = new Admin({ ...this.connection });
    this.publisher = this.newPublisher(() => platformaticProducer(this.connection));
    this.host = {
      connection: this.connection,
      tuning: this.tuning,
      maxBytesPerPartition: options.maxBytesPerPartition ?? 1_048_576,
      log: this.logSink,
      now: Date.now,
      publish: (topic, messages) => this.publish(topic, messages),
      lag: (topic, groupId, fromBeginning) => this.lag(topic, groupId, fromBeginning),
      stopped: (consumer) => this.stopped(consumer),
    };
  }

  protected async reach(): Promise<void> {
    // one bounded attempt (a few retries, short timeouts), so that start-up fails fast
    const probe = new Admin({
      ...this.connection,
      clientId: `${this.options.clientId}-probe`,
      connectTimeout: 3_000,
      requestTimeout: 5_000,
      retries: 3,
      retryDelay: 300,
    });
    try {
      const cluster = await probe.metadata({ topics: [] });
      this.replicationFactor ??= Math.max(1, Math.min(3, cluster.brokers.size));
    } finally {
      await probe.close().catch(() => undefined);
    }
    await this.publisher.connect();
  }

  protected async abandon(): Promise<void> {
    await this.publisher.disconnect().catch(() => undefined);
  }

  protected async createMissingTopics(names: string[], partitions: number): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const create = names.filter((t) => !existing.has(t));
    if (create.length === 0) return;
    try {
      await this.admin.createTopics({ topics: create, partitions, replicas: this.replicationFactor ?? 1 });
    } catch (err) {
      // another client created it between the listing and the creation: no error
      if (!platformaticErrorWith(err, 'apiId', 'TOPIC_ALREADY_EXISTS')) throw err;
    }
    // wait until every partition has a leader, as kafkajs's waitForLeaders does
    for (let i = 0; i < 50; i++) {
      const metadata = await this.admin.metadata({ topics: create, forceUpdate: true });
      const led = create.every(
        (t) => metadata.topics.get(t)?.partitions.every((p) => p !== undefined && p.leader >= 0) ?? false,
      );
      if (led) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  protected newConsumer(settings: ConsumeSettings): PlatformaticKafkaConsumer {
    return new PlatformaticKafkaConsumer(this.host, settings);
  }

  protected refusedSession(err: unknown): boolean {
    return platformaticErrorWith((err as { cause?: unknown }).cause, 'apiId', 'INVALID_SESSION_TIMEOUT');
  }

  protected async disconnect(connected: boolean): Promise<void> {
    await Promise.allSettled([connected ? this.publisher.disconnect() : undefined, this.admin.close()]);
  }

  /** Messages of `topic` that `groupId` has not committed, summed over partitions. */
  private async lag(topic: string, groupId: string, fromBeginning: boolean): Promise<number> {
    const metadata = await this.admin.metadata({ topics: [topic] });
    const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
    const partitionIndexes = Array.from({ length: count }, (_, i) => i);
    const ends = (timestamp: bigint) =>
      this.admin.listOffsets({
        topics: [
          {
            name: topic,
            partitions: partitionIndexes.map((partitionIndex) => ({ partitionIndex, timestamp })),
          },
        ],
      });
    const [high, low, groups] = await Promise.all([
      ends(-1n),
      ends(-2n),
      this.admin.listConsumerGroupOffsets({
        groups: [{ groupId, topics: [{ name: topic, partitionIndexes }] }],
      }),
    ]);
    const offsetsOf = (listed: Awaited<ReturnType<typeof ends>>) =>
      new Map(
        listed.find((t) => t.name === topic)?.partitions.map((p) => [p.partitionIndex, p.offset]) ?? [],
      );
    const highs = offsetsOf(high);
    const lows = offsetsOf(low);
    const committed = new Map(
      groups[0]?.topics
        .find((t) => t.name === topic)
        ?.partitions.map((p) => [p.partitionIndex, p.committedOffset]) ?? [],
    );
    let lag = 0n;
    for (const p of partitionIndexes) {
      const end = highs.get(p) ?? 0n;
      const c = committed.get(p) ?? -1n;
      const from = c >= 0n ? c : fromBeginning ? (lows.get(p) ?? 0n) : end;
      if (end > from) lag += end - from;
    }
    return Number(lag);
  }
}

/**
 * An idempotent @platformatic/kafka producer behind the {@link PublisherProducer} shape: acks from every
 * in-sync replica, keys placed by Kafka's partitioner (the library takes the result modulo the partition
 * count), keyless records round robin.
 */
function platformaticProducer(connection: PlatformaticConsumerHost['connection']): PublisherProducer {
  let next = 0;
  const producer = new Producer({
    ...connection,
    idempotent: true,
    acks: ProduceAcks.ALL,
    autocreateTopics: false,
    partitioner: (_message, key) => (key && key.length > 0 ? murmur2(key) & 0x7fffffff : next++ & 0x7fffffff),
  });
  return {
    connect: async () => {},
    disconnect: () => producer.close(),
    sendBatch: async ({ topicMessages }) => {
      const messages: MessageToProduce<Buffer, Buffer, Buffer, Buffer>[] = [];
      for (const { topic, messages: list } of topicMessages) {
        for (const m of list) {
          const out: MessageToProduce<Buffer, Buffer, Buffer, Buffer> = { topic, value: m.value as Buffer };
          if (m.key !== null && m.key !== undefined) out.key = Buffer.from(m.key);
          if (m.headers) {
            const headers = new Map<Buffer, Buffer>();
            for (const [name, value] of Object.entries(m.headers)) {
              if (value !== undefined) headers.set(Buffer.from(name), Buffer.from(String(value)));
            }
            out.headers = headers;
          }
          messages.push(out);
        }
      }
      await producer.send({ messages });
    },
  };
}
