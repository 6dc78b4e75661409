import type { Bus } from './bus';
import { EmbeddedBus, type EmbeddedBusOptions } from './embedded-bus';
import { KafkaBus, type KafkaBusOptions } from './kafka-bus';
import type { KafkaSecurity } from './kafka-security';
import { PlatformaticKafkaBus } from './platformatic-kafka-bus';

/** The Kafka client libraries a Kafka bus runs on (PUSHPULL_KAFKA_CLIENT names one). */
export const KAFKA_CLIENT_NAMES = ['kafkajs', 'platformatic'] as const;
/** One of {@link KAFKA_CLIENT_NAMES}. */
export type KafkaClientLibrary = (typeof KAFKA_CLIENT_NAMES)[number];

/** What {@link createBus} needs: the caller parses the environment, the library never reads it. */
export interface CreateBusOptions {
  /** Kafka brokers (`host:port`); absent or empty → the embedded in-process bus. */
  kafkaBrokers?: string[];
  /** TLS and SASL of the Kafka connections (`config.kafkaSecurity`); used only with `kafkaBrokers`. */
  kafkaSecurity?: KafkaSecurity;
  clientId: string;
  /**
   * The Kafka client library (`config.kafkaClient`, PUSHPULL_KAFKA_CLIENT): `kafkajs` ({@link KafkaBus}, the
   * default) or `platformatic` ({@link PlatformaticKafkaBus}); used only with `kafkaBrokers`.
   */
  kafkaClient?: KafkaClientLibrary;
  /** Extra Kafka tuning (timeouts, logging), used only with `kafkaBrokers`. */
  kafka?: Omit<KafkaBusOptions, 'brokers' | 'clientId' | 'security'>;
  /** Embedded bus options (backpressure, retention), used only without `kafkaBrokers`. */
  embedded?: EmbeddedBusOptions;
}

/**
 * The bus for a configuration: Kafka when brokers are given (on the client `kafkaClient` names), the embedded
 * bus otherwise. Nothing
 * connects here; the Kafka bus connects on first use (and fails then with `BUS_UNREACHABLE`).
 *
 * @example
 * const bus = createBus({
 *   kafkaBrokers: config.kafkaBrokers,
 *   kafkaSecurity: config.kafkaSecurity,
 *   kafkaClient: config.kafkaClient,
 *   clientId: 'pushpull-aggregator',
 * });
 * await bus.ensureTopics([RAW_TOPIC, LABELED_TOPIC]);
 */
export function createBus(options: CreateBusOptions): Bus {
  if (options.kafkaBrokers && options.kafkaBrokers.length > 0) {
    const kafka: KafkaBusOptions = {
      ...options.kafka,
      brokers: options.kafkaBrokers,
      clientId: options.clientId,
      ...(options.kafkaSecurity ? { security: options.kafkaSecurity } : {}),
    };
    return options.kafkaClient === 'platformatic' ? new PlatformaticKafkaBus(kafka) : new KafkaBus(kafka);
  }
  return new EmbeddedBus(options.embedded);
}
