import { requireServices, uniqueName } from '@pushpull/testkit';
import { pino } from 'pino';
import { describe } from 'vitest';
import { BullmqScheduler } from './bullmq-scheduler';
import { describeSchedulerContract } from './testing/scheduler-contract';

const env = requireServices('scheduler contract on BullMQ', ['REDIS_URL']);

describe.skipIf(!env)('bullmq', () => {
  describeSchedulerContract('BullMQ on Redis', async () => {
    const s = new BullmqScheduler(env!.REDIS_URL, pino({ level: 'silent' }), uniqueName('test-queue'), 0.01);
    await s.connect();
    return s;
  });
});
