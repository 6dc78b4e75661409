import type { Admin, Kafka } from 'kafkajs';
import kafkajs from 'kafkajs';
import type { ConsumeSettings } from './consume-settings';
import { KafkaBusBase, type KafkaBusOptions } from './kafka-bus-base';
import { isRefusedSession, KafkaBusConsumer, type KafkaConsumerHost } from './kafka-consumer';
import { createKafkaLogCreator, KAFKAJS_LEVELS } from './kafka-log-creator';
import type { KafkaPublisher } from './kafka-publisher';
import { type KafkaSecurity, kafkaConnectionOptions } from './kafka-security';

export {
  KAFKA_CONSUMER_DEFAULTS,
  type KafkaBusOptions,
  resolveConsumerTuning,
  STOCK_BROKER_SESSION,
} from './kafka-bus-base';
export type { KafkaConsumerTuning } from './kafka-consumer';

const { Kafka: KafkaClient, Partitioners } = kafkajs;

/**
 * The {@link Bus} on Apache Kafka (kafkajs). One idempotent producer (`acks: -1`) whose publishes are
 * coalesced into ordered requests; topics (and their `.dlq`) created on demand; consumers with manual
 * commits after each applied batch (see {@link KafkaBusConsumer}). Connects on first use: if no broker
 * answers within `connectTimeoutMs`, that call fails with one `BUS_UNREACHABLE` error. What does not depend
 * on the client is in {@link KafkaBusBase}.
 *
 * @example
 * const bus = new KafkaBus({ brokers: ['127.0.0.1:9092'], clientId: 'pushpull-classifier' });
 * await bus.ensureTopics(['pushpull.activity.raw.v1']);
 * await bus.publish('pushpull.activity.raw.v1', [{ key: 'conv-1', value: Buffer.from('{}') }]);
 * await bus.close();
 */
export class KafkaBus extends KafkaBusBase<KafkaBusConsumer> {
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  protected readonly publisher: KafkaPublisher;
  private readonly host: KafkaConsumerHost;

  constructor(options: KafkaBusOptions) {
    super(options);
    this.kafka = new KafkaClient({
      clientId: this.options.clientId,
      brokers: this.options.brokers,
      ...kafkaConnectionOptions(options.security),
      logLevel: KAFKAJS_LEVELS[options.logLevel ?? 'warn'],
      logCreator: createKafkaLogCreator(this.logSink),
    });
    this.admin = this.kafka.admin();
    this.publisher = this.newPublisher(() =>
      this.kafka.producer({
        idempotent: true,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
    );
    this.host = {
      kafka: this.kafka,
      admin: this.admin,
      tuning: this.tuning,
      log: this.logSink,
      now: Date.now,
      publish: (topic, messages) => this.publish(topic, messages),
      stopped: (consumer) => this.stopped(consumer),
    };
  }

  protected async reach(): Promise<void> {
    await probe(this.options.brokers, this.options.clientId, this.options.security);
    await this.admin.connect();
    if (this.replicationFactor === undefined) {
      const cluster = await this.admin.describeCluster();
      this.replicationFactor = Math.max(1, Math.min(3, cluster.brokers.length));
    }
    await this.publisher.connect();
  }

  protected async abandon(): Promise<void> {
    await Promise.allSettled([this.publisher.disconnect(), this.admin.disconnect()]);
  }

  protected async createMissingTopics(names: string[], partitions: number): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const create = names.filter((t) => !existing.has(t));
    if (create.length === 0) return;
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: create.map((topic) => ({
        topic,
        numPartitions: partitions,
        replicationFactor: this.replicationFactor ?? 1,
      })),
    });
  }

  protected newConsumer(settings: ConsumeSettings): KafkaBusConsumer {
    return new KafkaBusConsumer(this.host, settings);
  }

  protected refusedSession(err: unknown): boolean {
    return isRefusedSession(err);
  }

  protected async disconnect(connected: boolean): Promise<void> {
    if (!connected) return;
    await Promise.allSettled([this.publisher.disconnect(), this.admin.disconnect()]);
  }
}

/** One bounded attempt to reach any broker, so that start-up fails fast instead of retrying for long. */
async function probe(
  brokers: string[],
  clientId: string,
  security: KafkaSecurity | undefined,
): Promise<void> {
  const client = new KafkaClient({
    clientId: `${clientId}-probe`,
    brokers,
    ...kafkaConnectionOptions(security),
    connectionTimeout: 3_000,
    requestTimeout: 5_000,
    retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 2_000 },
    logLevel: kafkajs.logLevel.NOTHING,
  });
  const admin = client.admin();
  try {
    await admin.connect();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
