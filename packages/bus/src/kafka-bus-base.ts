import { dlqTopic, PushpullError } from '@pushpull/core';
import type { Bus, ConsumeOptions, Consumer, OutgoingMessage } from './bus';
import { type ConsumeSettings, resolveConsumeSettings } from './consume-settings';
import { isDlqTopic } from './dlq';
import type { KafkaConsumerTuning } from './kafka-consumer';
import { type BusLogLevel, type BusLogSink, stderrLogSink } from './kafka-log-creator';
import { KafkaPublisher, type PublisherProducer } from './kafka-publisher';
import { type KafkaSecurity, kafkaSecurityError } from './kafka-security';
import { retryRetriable } from './retry-retriable';

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

/** A consumer a Kafka bus starts: joins its group in `start`. */
export interface StartableConsumer extends Consumer {
  start(): Promise<void>;
}

/**
 * What both Kafka buses (kafkajs and @platformatic/kafka) share, whatever the client: option checks and
 * consumer timing (with the stock-broker session fallback), connecting once with a deadline
 * (`BUS_UNREACHABLE`, `BUS_AUTH_FAILED`, `BUS_TLS_FAILED`), topics and their `.dlq` created once each
 * (`BUS_TOPIC_FAILED`), publishing through a {@link KafkaPublisher}, starting consumers, closing. A subclass
 * supplies the client calls.
 */
export abstract class KafkaBusBase<C extends StartableConsumer> implements Bus {
  /** In effect for new consumers; replaced once by `sessionFallback` if the broker refuses the session. */
  protected readonly tuning: KafkaConsumerTuning;
  private sessionFallback: KafkaConsumerTuning | undefined;
  private readonly connectTimeoutMs: number;
  protected readonly logSink: BusLogSink;
  protected readonly consumers = new Set<C>();
  /** Topics known to exist, or being created. */
  private readonly topics = new Map<string, Promise<void>>();
  protected replicationFactor: number | undefined;
  private ready: Promise<void> | undefined;
  private connected = false;
  private closing = false;
  private closed = false;
  protected readonly options: KafkaBusOptions;
  protected abstract readonly publisher: KafkaPublisher;

  constructor(options: KafkaBusOptions) {
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
    this.logSink = options.logSink ?? stderrLogSink;
  }

  /** Reaches a broker (a bounded probe), sets `replicationFactor` if unset, connects admin and producer. */
  protected abstract reach(): Promise<void>;
  /** Undoes a failed {@link reach} (disconnects what it connected). */
  protected abstract abandon(): Promise<void>;
  /** One attempt at creating those of `names` that do not exist yet, waiting for their leaders. */
  protected abstract createMissingTopics(names: string[], partitions: number): Promise<void>;
  /** A consumer of this client, not started. */
  protected abstract newConsumer(settings: ConsumeSettings): C;
  /** Whether a consumer failed to start because the broker refused its session timeout. */
  protected abstract refusedSession(err: unknown): boolean;
  /** Disconnects the producer and admin (`connected`: whether {@link reach} ever succeeded). */
  protected abstract disconnect(connected: boolean): Promise<void>;

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

  /** Stops every consumer (their last batches may still dead-letter), then the producer and admin. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.allSettled([...this.consumers].map((c) => c.stop()));
    this.closed = true;
    if (this.connected) await this.publisher.drain();
    await this.disconnect(this.connected);
  }

  /**
   * The publisher of this bus on producers from `newProducer`: requests of ≤ `maxRequestBytes` (default
   * 900 000), and a warning line whenever the broker lost a producer's state and a new one takes over.
   */
  protected newPublisher(newProducer: () => PublisherProducer): KafkaPublisher {
    return new KafkaPublisher(newProducer, this.options.maxRequestBytes ?? 900_000, (cause) =>
      this.logSink({
        level: 'warn',
        source: 'bus',
        namespace: 'producer',
        message: `the broker lost this producer's state (${reasonOf(cause)}): publishing again with a new producer`,
        fields: {},
      }),
    );
  }

  /** Forgets a consumer that stopped (its own `stop`, or a fatal error). */
  protected stopped(consumer: C): void {
    this.consumers.delete(consumer);
  }

  /** Starts one consumer, once more with the session fallback when the broker refuses the session. */
  private async startConsumer(settings: ConsumeSettings): Promise<Consumer> {
    for (;;) {
      const consumer = this.newConsumer(settings);
      this.consumers.add(consumer);
      try {
        await consumer.start();
        return consumer;
      } catch (err) {
        this.consumers.delete(consumer);
        const fallback = this.sessionFallback;
        if (!fallback || !this.refusedSession(err)) throw err;
        // once per bus: every later consumer starts with the session the broker accepts
        this.sessionFallback = undefined;
        const refused = this.tuning.sessionTimeoutMs;
        Object.assign(this.tuning, fallback);
        this.logSink({
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
    const attempt = this.reach();
    try {
      await Promise.race([attempt, deadline]);
      this.connected = true;
    } catch (err) {
      attempt.catch(() => undefined);
      await this.abandon().catch(() => undefined);
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
    // UNKNOWN_TOPIC_OR_PARTITION, which the clients hand back: list and create again (a topic created by
    // the failed attempt is listed then, or answered "already exists", which is no error).
    try {
      await retryRetriable(() => this.createMissingTopics(names, partitions), TOPIC_CREATION_RETRY);
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

/**
 * The message of `err`, skipping wrappers that only repeat their cause's message. An @platformatic/kafka
 * error says little by itself ("metadata failed 4 times."): its last attempt's error and that one's cause
 * follow, so the socket's reason (`connect ECONNREFUSED …`) is named as kafkajs names it.
 *
 * @example reasonOf(new Error('x', { cause: new Error('x') })) === 'x'
 */
export function reasonOf(err: unknown, depth = 0): string {
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error && e.message === e.cause.message) e = e.cause;
  if (!(e instanceof Error)) return String(e);
  const code = (e as { code?: unknown }).code;
  if (depth >= 4 || typeof code !== 'string' || !code.startsWith('PLT_KFK_')) return e.message;
  const inner = e instanceof AggregateError && e.errors.length > 0 ? e.errors[e.errors.length - 1] : e.cause;
  if (!(inner instanceof Error)) return e.message;
  return `${e.message.replace(/\.$/, '')}: ${reasonOf(inner, depth + 1)}`;
}

function closedError(): PushpullError {
  return new PushpullError('BUS_CLOSED', 'the bus is closed', {});
}
