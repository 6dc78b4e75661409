import { uniqueName } from '@pushpull/testkit';
import { KafkaBus, type KafkaBusOptions } from '../kafka-bus';
import type { BusLogEntry } from '../kafka-log-creator';

/**
 * A KafkaBus whose log entries are kept in `logs`, for tests of what it says; its client id is
 * `bus-test-…` unless `options` name one.
 *
 * @example const { bus, logs } = kafkaBusWithLogs({ brokers, logLevel: 'debug' });
 */
export function kafkaBusWithLogs(
  options: Omit<KafkaBusOptions, 'clientId' | 'logSink'> & { clientId?: string },
): { bus: KafkaBus; logs: BusLogEntry[] } {
  const logs: BusLogEntry[] = [];
  const bus = new KafkaBus({ clientId: uniqueName('bus-test'), ...options, logSink: (e) => logs.push(e) });
  return { bus, logs };
}
