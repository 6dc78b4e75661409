import { pino } from 'pino';
import { InProcessScheduler } from './in-process-scheduler';
import { describeSchedulerContract } from './testing/scheduler-contract';

describeSchedulerContract('in-process', async () => new InProcessScheduler(pino({ level: 'silent' }), 0.01));
