import { Admin, type MessageToProduce, ProduceAcks, Producer } from '@platformatic/kafka';
import { dlqTopic, PushpullError } from '@pushpull/core';
import type { Bus, ConsumeOptions, Consumer, OutgoingMessage } from './bus';
import { type ConsumeSettings, resolveConsumeSettings } from './consume-settings';
import { isDlqTopic } from './dlq';
import { type KafkaBusOptions, resolveConsumerTuning, STOCK_BROKER_SESSION } from './kafka-bus';
import type { KafkaConsumerTuning } from './kafka-consumer';
import { type BusLogSink, stderrLogSink } from './kafka-log-creator';
import { KafkaPublisher, type PublisherProducer } from './kafka-publisher';
import { kafkaSecurityError, platformaticConnectionOptions } from './kafka-security';
import { murmur2 } from './partition-for-key';
import { type PlatformaticConsumerHost, PlatformaticKafkaConsumer } from './platformatic-kafka-consumer';
import { retryRetriable } from './retry-retriable';

/** Options of {@link PlatformaticKafkaBus}: those of `KafkaBus` (its `logLevel` is not used: the client does not log). */
export type PlatformaticKafkaBusOptions = KafkaBusOptions & {
  /** Largest fetch per partition, in bytes. Default 1 048 576 (kafkajs's default, so both buses fetch alike). */
  maxBytesPerPartition?: number;
};

/**
 * The {@link Bus} on Apache Kafka through @platformatic/kafka 1.35 (the last line that runs on Node 20.19),
 * selected with `PUSHPULL_KAFKA_CLIENT=platformatic`. The same behaviour as `KafkaBus` and the same contract
 * suite: one idempotent producer (acks from every in-sync replica) driven by the same {@link KafkaPublisher}
 * (ordered, coalesced requests of ≤ `maxRequestBytes`); keys on Kafka's own partitioner (murmur2 & 0x7fffffff,
 * as kafkajs and `EmbeddedBus` place them; the client's default differs), keyless records round robin; topics
 * and their `.dlq` created on demand with the asked partition count; consumers with manual commits after
 * each applied batch (see {@link PlatformaticKafkaConsumer}); TLS and SASL PLAIN/SCRAM from `security`.
 * Connects on first use: if no broker answers within `connectTimeoutMs`, that call fails with
 * `BUS_UNREACHABLE`; a refused login is `BUS_AUTH_FAILED`, an untrusted certificate `BUS_TLS_FAILED`.
 *
 * @example
 * const bus = new PlatformaticKafkaBus({ brokers: ['127.0.0.1:9092'], clientId: 'pushpull-classifier' });
 * await bus.publish('pushpull.activity.raw.v1', [{ key: 'conv-1', value: Buffer.from('{}') }]);
 * await bus.close();
 */
export class PlatformaticKafkaBus implements Bus {
  private readonly admin: Admin;
  private readonly publisher: KafkaPublisher;
  private readonly tuning: KafkaConsumerTuning;
  private sessionFallback: KafkaConsumerTuning | undefined;
  private readonly connectTimeoutMs: number;
  private readonly host: PlatformaticConsumerHost;
  private readonly consumers = new Set<PlatformaticKafkaConsumer>();
  private readonly topics = new Map<string, Promise<void>>();
  private readonly connection: PlatformaticConsumerHost['connection'];
  private replicationFactor: number | undefined;
  private ready: Promise<void> | undefined;
  private connected = false;
  private closing = false;
  private closed = false;

  constructor(private readonly options: PlatformaticKafkaBusOptions) {
    const brokers = options.brokers.map((b) => b.trim()).filter(Boolean);
    if (brokers.length === 0) throw new PushpullError('BUS_BAD_OPTION', 'Kafka brokers list is empty', {});
    if (!options.clientId) throw new PushpullError('BUS_BAD_OPTION', 'Kafka clientId is empty', {});
    this.options = { ...options, brokers };
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.replicationFactor = options.replicationFactor;
    this.tuning = resolveConsumerTuning(options);
    const configured = options.sessionTimeoutMs !== undefined || options.heartbeatIntervalMs !== undefined;
    const fallback =
      options.sessionFallback === undefined
        ? configured
          ? null
          : STOCK_BROKER_SESSION
        : options.sessionFallback;
    this.sessionFallback = fallback ? resolveConsumerTuning({ ...this.tuning, ...fallback }) : undefined;
    const logSink: BusLogSink = options.logSink ?? stderrLogSink;
    this.connection = {
      clientId: options.clientId,
      bootstrapBrokers: brokers,
      ...platformaticConnectionOptions(options.security),
    };
    this.admin = new Admin({ ...this.connection });
    this.publisher = new KafkaPublisher(
      () => platformaticProducer(this.connection),
      options.maxRequestBytes ?? 900_000,
      (cause) =>
        logSink({
          level: 'warn',
          source: 'bus',
          namespace: 'producer',
          message: `the broker lost this producer's state (${reasonOf(cause)}): publishing again with a new producer`,
          fields: {},
        }),
    );
    this.host = {
      connection: this.connection,
      tuning: this.tuning,
      maxBytesPerPartition: options.maxBytesPerPartition ?? 1_048_576,
      log: logSink,
      now: Date.now,
      publish: (topic, messages) => this.publish(topic, messages),
      lag: (topic, groupId, fromBeginning) => this.lag(topic, groupId, fromBeginning),
      stopped: (consumer) => this.consumers.delete(consumer),
    };
  }

  /** The consumer-group timing in effect (defaults filled in). */
  get consumerTuning(): Readonly<KafkaConsumerTuning> {
    return this.tuning;
  }

  /** Connects (done on first use anyway); `BUS_UNREACHABLE` within about `connectTimeoutMs` when no broker answers. */
  connect(): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    if (this.closing && !this.ready) return Promise.reject(closedError());
    this.ready ??= this.doConnect().catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  async ensureTopics(topics: readonly string[], partitions = 3): Promise<void> {
    if (!Number.isSafeInteger(partitions) || partitions < 1) {
      throw new PushpullError(
        'BUS_BAD_OPTION',
        `ensureTopics: partitions must be an integer ≥ 1, got ${partitions}`,
        {},
      );
    }
    await this.connect();
    const wanted = [...new Set(topics.flatMap((t) => (isDlqTopic(t) ? [t] : [t, dlqTopic(t)])))];
    const missing = wanted.filter((t) => !this.topics.has(t));
    if (missing.length > 0) {
      const creation = this.createTopics(missing, partitions);
      for (const t of missing) this.topics.set(t, creation);
      creation.catch(() => {
        for (const t of missing) if (this.topics.get(t) === creation) this.topics.delete(t);
      });
    }
    await Promise.all(wanted.map((t) => this.topics.get(t)));
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.closed) throw closedError();
    if (messages.length === 0) return;
    const known = this.topics.get(topic);
    if (known) await known;
    else await this.ensureTopics([topic]);
    await this.publisher.send(topic, messages);
  }

  async consume(options: ConsumeOptions): Promise<Consumer> {
    if (this.closing) throw closedError();
    const settings = resolveConsumeSettings(options);
    await this.ensureTopics([settings.topic]);
    return retryRetriable(() => this.startConsumer(settings), TOPIC_CREATION_RETRY);
  }

  /** Stops every consumer, then the producer and admin. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.allSettled([...this.consumers].map((c) => c.stop()));
    this.closed = true;
    if (!this.connected) {
      await this.admin.close().catch(() => undefined);
      return;
    }
    await this.publisher.drain();
    await Promise.allSettled([this.publisher.disconnect(), this.admin.close()]);
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

  /** Starts one consumer, once more with the session fallback when the broker refuses the session. */
  private async startConsumer(settings: ConsumeSettings): Promise<Consumer> {
    for (;;) {
      const consumer = new PlatformaticKafkaConsumer(this.host, settings);
      this.consumers.add(consumer);
      try {
        await consumer.start();
        return consumer;
      } catch (err) {
        this.consumers.delete(consumer);
        const fallback = this.sessionFallback;
        if (!fallback || !refusedSession(err)) throw err;
        this.sessionFallback = undefined;
        const refused = this.tuning.sessionTimeoutMs;
        Object.assign(this.tuning, fallback);
        this.host.log({
          level: 'warn',
          source: 'bus',
          namespace: 'consumer',
          message: `the broker refuses ${refused} ms consumer sessions (its group.min.session.timeout.ms is higher); using ${fallback.sessionTimeoutMs} ms: a member restarted after kill -9 waits up to that long for its partitions`,
          fields: { refusedSessionTimeoutMs: refused, sessionTimeoutMs: fallback.sessionTimeoutMs },
        });
      }
    }
  }

  private async doConnect(): Promise<void> {
    const brokers = this.options.brokers;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.connectTimeoutMs} ms`)),
        this.connectTimeoutMs,
      );
    });
    const probe = new Admin({
      ...this.connection,
      clientId: `${this.options.clientId}-probe`,
      connectTimeout: 3_000,
      requestTimeout: 5_000,
      retries: 3,
      retryDelay: 300,
    });
    const attempt = (async () => {
      const cluster = await probe.metadata({ topics: [] });
      this.replicationFactor ??= Math.max(1, Math.min(3, cluster.brokers.size));
      await this.publisher.connect();
    })();
    try {
      await Promise.race([attempt, deadline]);
      this.connected = true;
    } catch (err) {
      attempt.catch(() => undefined);
      await this.publisher.disconnect().catch(() => undefined);
      const refused = kafkaSecurityError(err, brokers, this.options.security);
      if (refused) throw refused;
      throw new PushpullError(
        'BUS_UNREACHABLE',
        `cannot reach Kafka at KAFKA_BROKERS=${brokers.join(',')}: ${reasonOf(err)}`,
        { brokers },
        { cause: err },
      );
    } finally {
      clearTimeout(timer);
      await probe.close().catch(() => undefined);
    }
  }

  private async createTopics(names: string[], partitions: number): Promise<void> {
    const step = async () => {
      const existing = new Set(await this.admin.listTopics());
      const create = names.filter((t) => !existing.has(t));
      if (create.length === 0) return;
      try {
        await this.admin.createTopics({
          topics: create,
          partitions,
          replicas: this.replicationFactor ?? 1,
        });
      } catch (err) {
        // another client created it between the listing and the creation: no error
        if (
          !(err as { findBy?: (k: string, v: unknown) => unknown }).findBy?.('apiId', 'TOPIC_ALREADY_EXISTS')
        ) {
          throw err;
        }
      }
      // wait until every partition has a leader, as kafkajs's waitForLeaders does
      for (let i = 0; ; i++) {
        const metadata = await this.admin.metadata({ topics: create, forceUpdate: true });
        const led = create.every((t) => {
          const topic = metadata.topics.get(t);
          return topic !== undefined && topic.partitions.every((p) => p && p.leader >= 0);
        });
        if (led || i >= 50) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    try {
      await retryRetriable(step, TOPIC_CREATION_RETRY);
    } catch (err) {
      throw new PushpullError(
        'BUS_TOPIC_FAILED',
        `cannot create Kafka topics ${names.join(', ')}: ${reasonOf(err)}`,
        { topics: names },
        { cause: err },
      );
    }
  }
}

/** Creating topics, starting a consumer: up to 8 attempts over about 8 s while the broker answers with a retriable error. */
const TOPIC_CREATION_RETRY = { attempts: 8, firstWaitMs: 100 } as const;

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

/** Whether a consumer failed to start because the broker refused its session timeout. */
function refusedSession(err: unknown): boolean {
  return Boolean(
    (err as { cause?: { findBy?: (k: string, v: unknown) => unknown } }).cause?.findBy?.(
      'apiId',
      'INVALID_SESSION_TIMEOUT',
    ),
  );
}

function reasonOf(err: unknown): string {
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error && e.message === e.cause.message) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

function closedError(): PushpullError {
  return new PushpullError('BUS_CLOSED', 'the bus is closed', {});
}
