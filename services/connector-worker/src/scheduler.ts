import type { JobHandlers, JobName, JobPayload } from './job-catalog';

/** Runs catalog jobs: BullMQ on Redis at scale, in-process on a laptop. */
export interface Scheduler {
  readonly kind: 'bullmq' | 'in-process';
  /** Starts workers for every handler. */
  start(handlers: JobHandlers): Promise<void>;
  /** Enqueues a job; the same `jobId` is enqueued once. */
  enqueue<N extends JobName>(name: N, payload: JobPayload<N>, jobId: string): Promise<void>;
  /** Runs a job now and then every `everyMs`; the same `schedulerId` is scheduled once. */
  repeat<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    schedulerId: string,
    everyMs: number,
  ): Promise<void>;
  /** Resolves when no job is waiting or running. */
  whenIdle(): Promise<void>;
  stop(): Promise<void>;
}
