import { dlqTopic, PushpullError } from '@pushpull/core';
import type { Admin, Kafka } from 'kafkajs';
import kafkajs from 'kafkajs';
import type { Bus, ConsumeOptions, Consumer, OutgoingMessage } from './bus';
import { type ConsumeSettings, resolveConsumeSettings } from './consume-settings';
import { isDlqTopic } from './dlq';
import { KafkaBusConsumer, type KafkaConsumerHost, type KafkaConsumerTuning } from './kafka-consumer';
import {
  type BusLogLevel,
  type BusLogSink,
  createKafkaLogCreator,
  KAFKAJS_LEVELS,
  stderrLogSink,
} from './kafka-log-creator';
import { KafkaPublisher } from './kafka-publisher';
import { type KafkaSecurity, kafkaConnectionOptions, kafkaSecurityError } from './kafka-security';
import { retryRetriable } from './retry-retriable';

export type { KafkaConsumerTuning } from './kafka-consumer';

const { Kafka: KafkaClient, Partitioners } = kafkajs;

/** Options of the Kafka bus. Only `brokers` and `clientId` are needed; the rest is tuning. */
export interface KafkaBusOptions {
  /** `host:port` of one or more brokers. */
  brokers: string[];
  clientId: string;
  /**
   * TLS and SASL of every connection (producer, consumers, admin, start-up probe). Absent: PLAINTEXT
   * without login. A refused login fails with `BUS_AUTH_FAILED`, an untrusted broker certificate with
   * `BUS_TLS_FAILED`: neither is retried as an outage.
   */
  security?: KafkaSecurity;
  /** Start-up gives up with `BUS_UNREACHABLE` after this long. Default 10 000. */
  connectTimeoutMs?: number;
  /**
   * Consumer-group session timeout: how long the broker keeps the partitions of a member that stopped
   * heartbeating (killed without leaving the group) before a restarted or other member gets them.
   * kafkajs has no static membership, so this bounds the idle time of a restart after `kill -9`.
   * Must lie within the broker's `group.min.session.timeout.ms` and `group.max.session.timeout.ms`.
   * Long handler batches are safe: the bus heartbeats while they run. Default 3 000 (with 500 ms
   * heartbeats); a broker that refuses it (a stock broker's minimum is 6 000) gets `sessionFallback`.
   */
  sessionTimeoutMs?: number;
  /**
   * The session (and heartbeat) consumers go on with when the broker refuses `sessionTimeoutMs`
   * (`INVALID_SESSION_TIMEOUT`), saying so in one line, instead of failing. Default: 6 000 ms with 1 000 ms
   * heartbeats (what every broker's default minimum accepts) when neither `sessionTimeoutMs` nor
   * `heartbeatIntervalMs` is set; none (the refusal is a `BUS_CONSUMER_FAILED`) when one is.
   */
  sessionFallback?: { sessionTimeoutMs: number; heartbeatIntervalMs: number } | null;
  /**
   * How long a rebalance waits for live members to finish their current batch and rejoin (it does not
   * delay replacing a dead member: that is the session timeout). Default 60 000.
   */
  rebalanceTimeoutMs?: number;
  /**
   * Heartbeat period, also during long handler batches, retries and `resumeFrom`; lower than
   * `sessionTimeoutMs` (a third or less leaves room for a slow heartbeat or two). Default 500.
   */
  heartbeatIntervalMs?: number;
  /** Longest a fetch waits for new messages. Default 500. */
  maxWaitTimeMs?: number;
  /** Replicas of created topics. Default: min(3, brokers in the cluster). */
  replicationFactor?: number;
  /** Largest produce request, in bytes (Kafka's `message.max.bytes` defaults to 1 MB). Default 900 000. */
  maxRequestBytes?: number;
  /**
   * kafkajs log level. Default `warn` (warnings and errors only). The bus's own consumer lines
   * (joining a group and waiting for partitions, partitions assigned) are `info` and always written.
   */
  logLevel?: BusLogLevel;
  /**
   * Where kafkajs log lines and the bus's own lines go (never with message contents). Default: JSON
   * lines on stderr.
   */
  logSink?: BusLogSink;
}

/**
 * The {@link Bus} on Apache Kafka (kafkajs). One idempotent producer (`acks: -1`) whose publishes are
 * coalesced into ordered requests; topics (and their `.dlq`) created on demand; consumers with manual
 * commits after each applied batch (see {@link KafkaBusConsumer}). Connects on first use: if no broker
 * answers within `connectTimeoutMs`, that call fails with one `BUS_UNREACHABLE` error.
 *
 * @example
 * const bus = new KafkaBus({ brokers: ['127.0.0.1:9092'], clientId: 'pushpull-classifier' });
 * await bus.ensureTopics(['pushpull.activity.raw.v1']);
 * await bus.publish('pushpull.activity.raw.v1', [{ key: 'conv-1', value: Buffer.from('{}') }]);
 * await bus.close();
 */
export class KafkaBus implements Bus {
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly publisher: KafkaPublisher;
  /** In effect for new consumers; replaced once by `sessionFallback` if the broker refuses the session. */
  private readonly tuning: KafkaConsumerTuning;
  private sessionFallback: KafkaConsumerTuning | undefined;
  private readonly connectTimeoutMs: number;
  private readonly host: KafkaConsumerHost;
  private readonly consumers = new Set<KafkaBusConsumer>();
  /** Topics known to exist, or being created. */
  private readonly topics = new Map<string, Promise<void>>();
  private replicationFactor: number | undefined;
  private ready: Promise<void> | undefined;
  private connected = false;
  private closing = false;
  private closed = false;

  constructor(private readonly options: KafkaBusOptions) {
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
    const logSink = options.logSink ?? stderrLogSink;
    this.kafka = new KafkaClient({
      clientId: options.clientId,
      brokers,
      ...kafkaConnectionOptions(options.security),
      logLevel: KAFKAJS_LEVELS[options.logLevel ?? 'warn'],
      logCreator: createKafkaLogCreator(logSink),
    });
    this.admin = this.kafka.admin();
    this.publisher = new KafkaPublisher(
      () =>
        this.kafka.producer({
          idempotent: true,
          allowAutoTopicCreation: false,
          createPartitioner: Partitioners.DefaultPartitioner,
        }),
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
      kafka: this.kafka,
      admin: this.admin,
      tuning: this.tuning,
      log: logSink,
      now: Date.now,
      publish: (topic, messages) => this.publish(topic, messages),
      stopped: (consumer) => this.consumers.delete(consumer),
    };
  }

  /** The consumer-group timing in effect (defaults filled in), for callers that size waits by it. */
  get consumerTuning(): Readonly<KafkaConsumerTuning> {
    return this.tuning;
  }

  /**
   * Connects admin and producer (done on first use anyway). Fails with `BUS_UNREACHABLE` within
   * about `connectTimeoutMs` when no broker answers; a later call tries again.
   *
   * @example await new KafkaBus({ brokers, clientId: 'pushpull' }).connect(); // fail fast at start-up
   */
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
    // a broker that has not yet published the metadata of a topic just created answers the consumer's
    // first metadata request with a retriable UNKNOWN_TOPIC_OR_PARTITION: start a new consumer then
    return retryRetriable(() => this.startConsumer(settings), TOPIC_CREATION_RETRY);
  }

  /** Starts one consumer, once more with the session fallback when the broker refuses the session. */
  private async startConsumer(settings: ConsumeSettings): Promise<Consumer> {
    for (;;) {
      const consumer = new KafkaBusConsumer(this.host, settings);
      this.consumers.add(consumer);
      try {
        await consumer.start();
        return consumer;
      } catch (err) {
        this.consumers.delete(consumer);
        const fallback = this.sessionFallback;
        if (!fallback || !refusedSession(err)) throw err;
        // once per bus: every later consumer starts with the session the broker accepts
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

  /** Stops every consumer (their last batches may still dead-letter), then the producer and admin. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.allSettled([...this.consumers].map((c) => c.stop()));
    this.closed = true;
    if (!this.connected) return;
    await this.publisher.drain();
    await Promise.allSettled([this.publisher.disconnect(), this.admin.disconnect()]);
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
    const attempt = (async () => {
      await probe(brokers, this.options.clientId, this.options.security);
      await this.admin.connect();
      if (this.replicationFactor === undefined) {
        const cluster = await this.admin.describeCluster();
        this.replicationFactor = Math.max(1, Math.min(3, cluster.brokers.length));
      }
      await this.publisher.connect();
    })();
    try {
      await Promise.race([attempt, deadline]);
      this.connected = true;
    } catch (err) {
      attempt.catch(() => undefined);
      await Promise.allSettled([this.publisher.disconnect(), this.admin.disconnect()]);
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
    }
  }

  private async createTopics(names: string[], partitions: number): Promise<void> {
    // A busy broker can answer the metadata of a topic it has just created with a retriable
    // UNKNOWN_TOPIC_OR_PARTITION, which kafkajs's createTopics hands back: list and create again (a topic
    // created by the failed attempt is listed then, or answered "already exists", which is no error).
    const step = async () => {
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

/** Consumer-group defaults: a dead member's partitions move on within 3 s; see {@link KafkaBusOptions}. */
export const KAFKA_CONSUMER_DEFAULTS: Readonly<KafkaConsumerTuning> = {
  sessionTimeoutMs: 3_000,
  rebalanceTimeoutMs: 60_000,
  heartbeatIntervalMs: 500,
  maxWaitTimeMs: 500,
};

/**
 * The session a stock broker accepts (its `group.min.session.timeout.ms` defaults to 6 000): where the
 * default session falls back to when the broker refuses 3 s.
 */
export const STOCK_BROKER_SESSION = { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 1_000 } as const;

/** Whether a consumer failed to start because the broker refused its session timeout. */
function refusedSession(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    if ((e as { type?: unknown }).type === 'INVALID_SESSION_TIMEOUT') return true;
  }
  return false;
}

/**
 * The consumer timing of `options` with {@link KAFKA_CONSUMER_DEFAULTS} filled in; `BUS_BAD_OPTION` for a
 * value that is not a positive integer or a heartbeat that is not shorter than the session.
 *
 * @example resolveConsumerTuning({ sessionTimeoutMs: 10_000 }).heartbeatIntervalMs === 1_000
 */
export function resolveConsumerTuning(options: Partial<KafkaConsumerTuning>): KafkaConsumerTuning {
  const tuning = { ...KAFKA_CONSUMER_DEFAULTS };
  for (const name of Object.keys(tuning) as (keyof KafkaConsumerTuning)[]) {
    const value = options[name] ?? tuning[name];
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new PushpullError(
        'BUS_BAD_OPTION',
        `Kafka ${name} must be an integer ≥ 1 (ms), got ${String(value)}`,
        { option: name },
      );
    }
    tuning[name] = value;
  }
  if (tuning.heartbeatIntervalMs >= tuning.sessionTimeoutMs) {
    throw new PushpullError(
      'BUS_BAD_OPTION',
      `Kafka heartbeatIntervalMs (${tuning.heartbeatIntervalMs}) must be lower than sessionTimeoutMs (${tuning.sessionTimeoutMs}); a third of it or less is safe`,
      { option: 'heartbeatIntervalMs' },
    );
  }
  return tuning;
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

function reasonOf(err: unknown): string {
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error && e.message === e.cause.message) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

function closedError(): PushpullError {
  return new PushpullError('BUS_CLOSED', 'the bus is closed', {});
}
