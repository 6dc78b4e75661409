import { Queue, type QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { JOB_CATALOG, type JobHandlers, type JobName, type JobPayload, parseJobPayload } from './job-catalog';
import type { Scheduler } from './scheduler';
import { withTimeout } from './with-timeout';

/**
 * How long a running job's lock lives without renewal (the worker renews it every half of this). A worker
 * killed with SIGKILL holds its job until the lock expires; BullMQ's default is 30 s.
 */
export const JOB_LOCK_MS = 15_000;

/**
 * How often every live worker looks for jobs whose lock expired (stalled: their worker died) and puts them
 * back in the queue; BullMQ's default is 30 s. With {@link JOB_LOCK_MS}, a killed worker's job runs again
 * within about 20 s (was up to a minute and more).
 */
export const STALLED_CHECK_MS = 5_000;

/**
 * The scheduler at scale: BullMQ on Redis. Any number of worker processes share the queue; the
 * catalog gives each job its timeout, attempts and exponential backoff; a jobId is enqueued once.
 *
 * @example const s = new BullmqScheduler('redis://127.0.0.1:6379', logger, 'pushpull-connectors');
 */
export class BullmqScheduler implements Scheduler {
  readonly kind = 'bullmq' as const;
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private events: QueueEvents | undefined;

  constructor(
    private readonly redisUrl: string,
    private readonly logger: Logger,
    private readonly queueName: string,
    /** Multiplies the catalog's backoff delays (tests use a small factor). */
    private readonly backoffScale = 1,
  ) {
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
    this.queue = new Queue(queueName, { connection: this.connection });
    this.watch(this.connection);
    this.queue.on('error', (err) => this.wentDown(err));
  }

  private downSince: number | undefined;
  /** The repeated jobs this process declared, by scheduler id: declared again when Redis comes back. */
  private readonly schedules = new Map<string, () => Promise<unknown>>();

  /**
   * A Redis restarted without persistence has lost the job schedulers: declares this process's again
   * (an upsert: where they survived, nothing changes), so the repeated syncs go on.
   */
  private async restoreSchedules(): Promise<void> {
    if (this.schedules.size === 0) return;
    try {
      for (const declare of this.schedules.values()) await declare();
      this.logger.info(
        { schedules: this.schedules.size },
        'repeated jobs declared again after Redis came back',
      );
    } catch (err) {
      this.wentDown(err);
    }
  }

  /**
   * Redis may go away (a restart): ioredis reconnects by itself and BullMQ goes on once it is back,
   * but an 'error' event without a listener would crash the process. Every connection reports here:
   * one warn line when Redis goes, one info line when a connection is ready again.
   */
  private watch(connection: Redis): void {
    connection.on('error', (err) => this.wentDown(err));
    connection.on('ready', () => {
      if (this.downSince === undefined) return;
      const seconds = Math.round((performance.now() - this.downSince) / 100) / 10;
      this.downSince = undefined;
      this.logger.info({ dependency: 'redis', downForSeconds: seconds }, `Redis is back after ${seconds} s`);
      void this.restoreSchedules();
    });
  }

  private wentDown(err: unknown): void {
    if (this.downSince !== undefined) return;
    this.downSince = performance.now();
    const reason = err instanceof Error ? err.message : String(err);
    this.logger.warn(
      { dependency: 'redis', reason: reason.slice(0, 200) },
      'Redis unreachable: scheduled jobs wait until it is back',
    );
  }

  /** Fails fast (≈5 s) when Redis does not answer, instead of BullMQ's endless reconnects. */
  async connect(): Promise<void> {
    const probe = new Redis(this.redisUrl, {
      lazyConnect: true,
      connectTimeout: 5_000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
    } finally {
      probe.disconnect();
    }
  }

  async start(handlers: JobHandlers): Promise<void> {
    this.worker = new Worker(
      this.queueName,
      async (job) => {
        const name = job.name as JobName;
        const handler = handlers[name] as
          | ((p: unknown, progress: (p: { done: number; total: number }) => void) => Promise<void>)
          | undefined;
        if (!handler) throw new Error(`no handler for job ${job.name}`);
        const payload = parseJobPayload(name, job.data);
        await withTimeout(
          handler(payload, (p) => {
            void job.updateProgress(p);
            this.logger.info({ job: job.name, jobId: job.id, progress: p }, 'job progress');
          }),
          JOB_CATALOG[name].timeoutMs,
          name,
        );
      },
      {
        connection: this.workerConnection(),
        concurrency: 1,
        lockDuration: JOB_LOCK_MS,
        stalledInterval: STALLED_CHECK_MS,
      },
    );
    this.worker.on('error', (err) => this.wentDown(err));
    this.worker.on('failed', (job, err) =>
      this.logger.warn(
        { job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: { message: err.message } },
        'job failed',
      ),
    );
    this.worker.on('completed', (job) => this.logger.info({ job: job.name, jobId: job.id }, 'job completed'));
    await this.worker.waitUntilReady();
  }

  private workerConnection(): Redis {
    const connection = this.connection.duplicate({ maxRetriesPerRequest: null });
    this.watch(connection);
    return connection;
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, jobId: string): Promise<void> {
    parseJobPayload(name, payload);
    const policy = JOB_CATALOG[name];
    await this.queue.add(name, payload, {
      jobId: jobId.replaceAll(':', '_'), // BullMQ reserves ':' in custom ids
      attempts: policy.attempts,
      backoff: { type: 'exponential', delay: Math.max(1, Math.round(policy.backoffMs * this.backoffScale)) },
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
  }

  async repeat<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    schedulerId: string,
    everyMs: number,
  ): Promise<void> {
    parseJobPayload(name, payload);
    const policy = JOB_CATALOG[name];
    const id = schedulerId.replaceAll(':', '_');
    const declare = () =>
      this.queue.upsertJobScheduler(
        id,
        { every: everyMs },
        {
          name,
          data: payload,
          opts: {
            attempts: policy.attempts,
            backoff: {
              type: 'exponential',
              delay: Math.max(1, Math.round(policy.backoffMs * this.backoffScale)),
            },
            removeOnComplete: { age: 7 * 24 * 3600 },
            removeOnFail: { age: 30 * 24 * 3600 },
          },
        },
      );
    await declare();
    this.schedules.set(id, declare);
  }

  async whenIdle(): Promise<void> {
    for (;;) {
      // 'delayed' is left out: a job scheduler always holds its next run there.
      const counts = await this.queue.getJobCounts('waiting', 'active', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.events?.close();
    await this.queue.close();
    await this.connection.quit().catch(() => undefined);
  }
}
