import { parseConfig } from '@pushpull/config';
import { createLogger } from '@pushpull/runtime';
import { createScratchDatabase } from '@pushpull/store/testing';
import { uniqueName } from '@pushpull/testkit';
import { pino } from 'pino';

/**
 * Config for an end-to-end run on the real services: a scratch Postgres database, a fresh
 * namespace (topics, consumer groups, BullMQ queue) so runs never see each other's data.
 */
export async function realServicesConfig(env: {
  KAFKA_BROKERS: string;
  DATABASE_URL: string;
  REDIS_URL: string;
}) {
  const db = await createScratchDatabase(env.DATABASE_URL);
  const namespace = uniqueName('e2e').replace(/[^a-z0-9.-]/gi, '-');
  const config = parseConfig({
    KAFKA_BROKERS: env.KAFKA_BROKERS,
    DATABASE_URL: db.url,
    REDIS_URL: env.REDIS_URL,
    PUSHPULL_NAMESPACE: namespace,
    PORT: '0',
    PUSHPULL_ADMIN_PASSWORD: 'e2e-admin-password',
    // the Kafka client the suites run on (kafkajs unless PUSHPULL_KAFKA_CLIENT says otherwise)
    PUSHPULL_KAFKA_CLIENT: process.env.PUSHPULL_KAFKA_CLIENT,
  });
  return { config, namespace, dropDatabase: db.drop };
}

/** A quiet logger for tests (warnings and errors only, to stderr). */
export function testLogger() {
  return createLogger('warn', 'test', pino.destination({ dest: 2, sync: true }));
}
