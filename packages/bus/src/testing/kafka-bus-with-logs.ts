import { uniqueName } from '@pushpull/testkit';
import type { KafkaClientLibrary } from '../create-bus';
import { KafkaBus, type KafkaBusOptions } from '../kafka-bus';
import type { BusLogEntry } from '../kafka-log-creator';
import { PlatformaticKafkaBus } from '../platformatic-kafka-bus';

/**
 * A Kafka bus (kafkajs unless `kafkaClient` says `platformatic`) whose log entries are kept in `logs`, for
 * tests of what it says; its client id is `bus-test-…` unless `options` name one.
 *
 * @example const { bus, logs } = kafkaBusWithLogs({ brokers, logLevel: 'debug' });
 */
export function kafkaBusWithLogs(
  options: Omit<KafkaBusOptions, 'clientId' | 'logSink'> & {
    clientId?: string;
    kafkaClient?: KafkaClientLibrary;
  },
): { bus: KafkaBus | PlatformaticKafkaBus; logs: BusLogEntry[] } {
  const logs: BusLogEntry[] = [];
  const { kafkaClient, ...rest } = options;
  const resolved = {
    clientId: uniqueName('bus-test'),
    ...rest,
    logSink: (e: BusLogEntry) => void logs.push(e),
  };
  const bus = kafkaClient === 'platformatic' ? new PlatformaticKafkaBus(resolved) : new KafkaBus(resolved);
  return { bus, logs };
}
