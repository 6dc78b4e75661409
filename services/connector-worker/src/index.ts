export * from './bullmq-scheduler';
export * from './connector-worker';
export * from './in-process-scheduler';
export * from './job-catalog';
export * from './scheduler';
