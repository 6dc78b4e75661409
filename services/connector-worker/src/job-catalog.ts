import { z } from 'zod';

/**
 * Every job a connector worker runs: its payload schema, timeout and retry policy. BullMQ and the
 * in-process scheduler both run jobs from this table, so a job behaves the same on a laptop and at
 * scale. Real sources (GitHub, Slack, Outlook) add their entries here.
 */
export const JOB_CATALOG = {
  'simulated.sync': {
    payload: z.object({
      seed: z.number().int(),
      people: z.number().int().min(2).max(100_000),
      days: z.number().int().min(1).max(3650),
      start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    }),
    timeoutMs: 30 * 60_000,
    attempts: 3,
    backoffMs: 2_000,
  },
  'source.sync': {
    payload: z.object({
      source: z.enum(['github', 'slack', 'outlook']),
    }),
    timeoutMs: 6 * 60 * 60_000,
    attempts: 5,
    backoffMs: 30_000,
  },
  /** PUSHPULL_RETENTION_DAYS: deletes older facts (applyRetention of @pushpull/store), daily. */
  'retention.run': {
    payload: z.object({ days: z.number().int().min(1) }),
    timeoutMs: 60 * 60_000,
    attempts: 3,
    backoffMs: 60_000,
  },
} as const;

export type JobName = keyof typeof JOB_CATALOG;
export type JobPayload<N extends JobName> = z.infer<(typeof JOB_CATALOG)[N]['payload']>;

/** Progress a job reports while it runs. */
export interface JobProgress {
  done: number;
  total: number;
  note?: string;
}

/** Runs one job; reports progress; throws to be retried per the catalog's policy. */
export type JobHandler<N extends JobName> = (
  payload: JobPayload<N>,
  progress: (p: JobProgress) => void,
) => Promise<void>;

export type JobHandlers = { [N in JobName]?: JobHandler<N> };

/** Validates a payload against the catalog; a bad payload names the job and the field. */
export function parseJobPayload<N extends JobName>(name: N, payload: unknown): JobPayload<N> {
  const entry = JOB_CATALOG[name];
  if (!entry) throw new Error(`unknown job ${String(name)}`);
  const r = entry.payload.safeParse(payload);
  if (!r.success) {
    throw new Error(
      `job ${name}: bad payload: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return r.data as JobPayload<N>;
}
