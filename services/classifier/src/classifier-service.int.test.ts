import { createBus } from '@pushpull/bus';
import { openStore } from '@pushpull/store';
import { createScratchDatabase } from '@pushpull/store/testing';
import { requireServices } from '@pushpull/testkit';
import { describe } from 'vitest';
import { describeClassifierService } from './testing/classifier-service-contract';

const env = requireServices('classifier service on Kafka + Postgres', ['KAFKA_BROKERS', 'DATABASE_URL']);

describe.skipIf(!env)('kafka', () => {
  describeClassifierService('Kafka and Postgres', async () => {
    const db = await createScratchDatabase(env!.DATABASE_URL);
    const store = await openStore({ databaseUrl: db.url, dataDir: '/nonexistent' });
    const bus = createBus({ kafkaBrokers: env!.KAFKA_BROKERS.split(','), clientId: 'classifier-test' });
    return { bus, store, cleanup: () => db.drop() };
  });
});
