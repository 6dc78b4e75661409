import type { PushpullConfig } from '@pushpull/config';
import type { DependencyProbe } from './dependency-probe';
import { kafkaProbe } from './kafka-probe';
import { postgresProbe } from './postgres-probe';
import { redisProbe } from './redis-probe';

/** Which parts of the configuration a process actually uses. */
export interface DependencyUse {
  /** The store (every process that opens a Runtime). Default true. */
  store?: boolean;
  /** The bus (every process that opens a Runtime). Default true. */
  bus?: boolean;
  /** The job scheduler (only processes running the connectors). Default false. */
  scheduler?: boolean;
}

/**
 * The probes of the external dependencies a process uses: Postgres when DATABASE_URL is set (not
 * PGlite), Kafka when KAFKA_BROKERS is set (not the embedded bus), Redis when REDIS_URL is set and
 * the process runs the scheduler. Embedded mode has none: it is always healthy.
 *
 * @example const health = createDependencyHealth(configuredDependencyProbes(config, { scheduler: true }));
 */
export function configuredDependencyProbes(
  config: Pick<PushpullConfig, 'databaseUrl' | 'kafkaBrokers' | 'redisUrl'> &
    Partial<Pick<PushpullConfig, 'kafkaSecurity'>>,
  use: DependencyUse = {},
): DependencyProbe[] {
  const probes: DependencyProbe[] = [];
  if ((use.store ?? true) && config.databaseUrl) probes.push(postgresProbe(config.databaseUrl));
  if ((use.bus ?? true) && config.kafkaBrokers && config.kafkaBrokers.length > 0) {
    probes.push(kafkaProbe(config.kafkaBrokers, config.kafkaSecurity));
  }
  if ((use.scheduler ?? false) && config.redisUrl) probes.push(redisProbe(config.redisUrl));
  return probes;
}
