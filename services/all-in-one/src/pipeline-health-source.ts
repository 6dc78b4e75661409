import { type BatchStats, type Bus, type Consumer, DLQ_REASON_HEADER, DLQ_STEP_HEADER } from '@pushpull/bus';
import { dlqTopic, type PipelineNames } from '@pushpull/core';
import type { PipelineError, PipelineHealthSource } from '@pushpull/service-dashboard';

const MAX_ERRORS = 50;

/**
 * A DLQ reason without anything quoted in it: decode errors can quote a piece of the bad message
 * (e.g. JSON.parse's "Unexpected token … in "…""), and message text never reaches the dashboard.
 */
export function redactReason(reason: string): string {
  return reason
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '"…"')
    .replace(/\s+/g, ' ')
    .slice(0, 160);
}

/** The pipeline state the dashboard's health page reads, fed by the services of this process. */
export interface PipelineHealth {
  source: PipelineHealthSource;
  /** Records a consumer batch: dead letters and retries become recent errors. */
  observeBatch(consumer: string, stats: BatchStats): void;
  /** Records an error (e.g. a consumer that failed for good). */
  recordError(where: string, message: string): void;
  /** Registers a consumer's lag. */
  trackLag(consumer: string, lag: () => Promise<number>): void;
  /** Starts counting the dead-letter topics (reads them from the start with its own group). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Pipeline health of one process: consumer lags, dead-letter topic sizes (counted by a reader group
 * that re-reads each DLQ from its start on every process start), and the latest errors (dead letters
 * with their step and redacted reason, batch retries, fatal consumer failures).
 *
 * @example const health = createPipelineHealth(bus, names); await health.start(); startDashboardService({ ..., health: health.source });
 */
export function createPipelineHealth(
  bus: Bus,
  names: PipelineNames,
  now: () => Date = () => new Date(),
): PipelineHealth {
  const errors: PipelineError[] = [];
  const lags = new Map<string, () => Promise<number>>();
  const topics = [dlqTopic(names.raw), dlqTopic(names.labeled)];
  const counted = new Map<string, number>(topics.map((t) => [t, 0]));
  const readers = new Map<string, Consumer>();
  const push = (e: PipelineError) => {
    errors.unshift(e);
    if (errors.length > MAX_ERRORS) errors.length = MAX_ERRORS;
  };
  return {
    source: {
      async consumerLags() {
        const out: Record<string, number | null> = {};
        for (const [name, lag] of lags) out[name] = await lag().catch(() => null);
        return out;
      },
      async dlqSizes() {
        const out: Record<string, number | null> = {};
        for (const t of topics) {
          const reader = readers.get(t);
          const pending = reader ? await reader.lag().catch(() => null) : null;
          out[t] = reader && pending !== null ? (counted.get(t) ?? 0) + pending : null;
        }
        return out;
      },
      recentErrors: () => [...errors],
    },
    observeBatch(consumer, stats) {
      if (stats.deadLettered > 0) {
        push({
          at: now().toISOString(),
          where: consumer,
          message: `${stats.deadLettered} of ${stats.size} messages dead-lettered (partition ${stats.partition})`,
        });
      }
      if (stats.attempts > 1) {
        push({
          at: now().toISOString(),
          where: consumer,
          message: `batch needed ${stats.attempts} attempts (infrastructure retries)`,
        });
      }
    },
    recordError(where, message) {
      push({ at: now().toISOString(), where, message: redactReason(message) });
    },
    trackLag(consumer, lag) {
      lags.set(consumer, lag);
    },
    async start() {
      for (const topic of topics) {
        const reader = await bus.consume({
          topic,
          groupId: `${names.classifierGroup.replace(/pushpull-classifier$/, '')}pushpull-dashboard-dlq`,
          fromBeginning: true,
          resumeFrom: async () => '0',
          handler: async (batch) => {
            counted.set(topic, (counted.get(topic) ?? 0) + batch.messages.length);
            for (const m of batch.messages) {
              push({
                at: now().toISOString(),
                where: `${topic} (${m.headers[DLQ_STEP_HEADER] ?? 'unknown step'})`,
                message: redactReason(m.headers[DLQ_REASON_HEADER] ?? 'no reason recorded'),
              });
            }
            return batch.messages.map(() => ({ kind: 'ok' as const }));
          },
        });
        readers.set(topic, reader);
      }
    },
    async stop() {
      for (const reader of readers.values()) await reader.stop();
      readers.clear();
    },
  };
}
