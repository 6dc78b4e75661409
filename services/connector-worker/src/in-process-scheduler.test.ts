import { pino } from 'pino';
import { describeSchedulerContract } from './scheduler-contract';
import { InProcessScheduler } from './in-process-scheduler';

describeSchedulerContract('in-process', async () => new InProcessScheduler(pino({ level: 'silent' }), 0.01));
