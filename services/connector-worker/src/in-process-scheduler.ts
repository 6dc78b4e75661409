import type { Logger } from 'pino';
import { JOB_CATALOG, type JobHandlers, type JobName, type JobPayload, parseJobPayload } from './job-catalog';
import type { Scheduler } from './scheduler';
import { withTimeout } from './with-timeout';

interface QueuedJob {
  name: JobName;
  payload: unknown;
  jobId: string;
}

/**
 * The scheduler of embedded mode: jobs run one at a time in this process, with the catalog's
 * timeout and retry policy (exponential backoff). No Redis needed.
 *
 * @example const s = new InProcessScheduler(logger); await s.start(handlers); await s.enqueue('simulated.sync', p, 'sim-1');
 */
export class InProcessScheduler implements Scheduler {
  readonly kind = 'in-process' as const;
  private handlers: JobHandlers | undefined;
  private readonly queue: QueuedJob[] = [];
  private readonly seen = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly logger: Logger,
    /** Multiplies the catalog's backoff delays (tests use a small factor). */
    private readonly backoffScale = 1,
  ) {}

  async start(handlers: JobHandlers): Promise<void> {
    this.handlers = handlers;
    this.pump();
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, jobId: string): Promise<void> {
    parseJobPayload(name, payload);
    if (this.seen.has(jobId)) return;
    this.seen.add(jobId);
    this.queue.push({ name, payload, jobId });
    this.pump();
  }

  async repeat<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    schedulerId: string,
    everyMs: number,
  ): Promise<void> {
    parseJobPayload(name, payload);
    if (this.timers.has(schedulerId)) return;
    let tick = 0;
    const fire = () => void this.enqueue(name, payload, `${schedulerId}#${tick++}`);
    const timer = setInterval(fire, everyMs);
    timer.unref();
    this.timers.set(schedulerId, timer);
    fire();
  }

  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearInterval(timer);
    this.timers.clear();
    this.queue.length = 0;
    await this.whenIdle().catch(() => undefined);
  }

  private pump(): void {
    if (this.running || !this.handlers || this.stopped) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = this.runWithRetries(job).finally(() => {
      this.running = null;
      this.pump();
    });
  }

  private async runWithRetries(job: QueuedJob): Promise<void> {
    const policy = JOB_CATALOG[job.name];
    const handler = this.handlers?.[job.name] as
      | ((p: unknown, progress: (p: unknown) => void) => Promise<void>)
      | undefined;
    if (!handler) return;
    for (let attempt = 1; attempt <= policy.attempts && !this.stopped; attempt++) {
      try {
        const payload = parseJobPayload(job.name, job.payload);
        await withTimeout(
          handler(payload, (p) =>
            this.logger.info({ job: job.name, jobId: job.jobId, progress: p }, 'job progress'),
          ),
          policy.timeoutMs,
          job.name,
        );
        this.logger.info({ job: job.name, jobId: job.jobId }, 'job completed');
        return;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.logger.warn({ job: job.name, jobId: job.jobId, attempt, err: { message } }, 'job failed');
        if (attempt < policy.attempts) await sleep(policy.backoffMs * this.backoffScale * 2 ** (attempt - 1));
      }
    }
    this.logger.error({ job: job.name, jobId: job.jobId }, 'job gave up after its retries');
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
