import { type ConsumeOptions, isBusOutage, type OutageChange } from '@pushpull/bus';
import { shortReason } from '@pushpull/core';
import { isConnectionError, type Store } from '@pushpull/store';
import type { Logger } from 'pino';

/** A dependency a consumer can wait for. */
type Dependency = 'Postgres' | 'Kafka';

/** Whether `err` came from the Kafka client: a bus error (`BUS_…`) or a kafkajs error in its cause chain. */
function fromKafkaClient(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (e.name.startsWith('KafkaJS') || (typeof code === 'string' && code.startsWith('BUS_'))) return true;
  }
  return false;
}

/**
 * The consume options that keep a consumer running through an outage of what its handler uses:
 * Postgres (a dropped or refused connection; PGlite, in process, has none) and Kafka (the handler's
 * publish finding no broker). A batch that failed so is retried unchanged until the dependency is back
 * (see `ConsumeOptions.isOutage`); the outage is logged once when it starts (warn, with the reason)
 * and once when every waiting batch got through (info, with how long it lasted), however many
 * partitions were waiting.
 *
 * @example await bus.consume({ topic, groupId, handler, ...dependencyOutageOptions(store, logger) })
 */
export function dependencyOutageOptions(
  store: Pick<Store, 'kind'>,
  logger: Pick<Logger, 'warn' | 'info'>,
  now: () => number = () => performance.now(),
): Pick<ConsumeOptions, 'isOutage' | 'onOutage'> {
  const dependencyOf = (err: unknown): Dependency | undefined => {
    // a refused publish carries the same socket codes as a refused query: who failed decides which it is
    if (fromKafkaClient(err)) return isBusOutage(err) ? 'Kafka' : undefined;
    if (store.kind === 'postgres' && isConnectionError(err)) return 'Postgres';
    return isBusOutage(err) ? 'Kafka' : undefined;
  };
  const waiting = new Map<Dependency, { since: number; partitions: Set<string> }>();
  const waitingFor = new Map<string, Dependency>(); // partition → what it waits for
  return {
    isOutage: (err) => dependencyOf(err) !== undefined,
    onOutage: (change: OutageChange) => {
      const key = `${change.topic}[${change.partition}]`;
      if (change.state === 'down') {
        const dependency = dependencyOf(change.error) ?? 'Postgres';
        let outage = waiting.get(dependency);
        if (!outage) {
          outage = { since: now(), partitions: new Set() };
          waiting.set(dependency, outage);
          logger.warn(
            { dependency: dependency.toLowerCase(), reason: shortReason(change.error, 200) },
            `${dependency} unreachable: retrying the batch until it is back (nothing is lost or counted twice)`,
          );
        }
        outage.partitions.add(key);
        waitingFor.set(key, dependency);
        return;
      }
      const dependency = waitingFor.get(key);
      if (!dependency) return;
      waitingFor.delete(key);
      const outage = waiting.get(dependency);
      if (!outage?.partitions.delete(key) || outage.partitions.size > 0) return;
      waiting.delete(dependency);
      const seconds = Math.round((now() - outage.since) / 100) / 10;
      logger.info(
        { dependency: dependency.toLowerCase(), downForSeconds: seconds },
        `${dependency} is back after ${seconds} s`,
      );
    },
  };
}
