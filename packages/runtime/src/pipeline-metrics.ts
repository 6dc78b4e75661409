import type { BatchStats } from '@pushpull/bus';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one process: consumer batches, outcomes, lag, plus Node's defaults. */
export interface PipelineMetrics {
  registry: Registry;
  /** Records one consumer batch of `consumer` (classifier, aggregator). */
  observeBatch(consumer: string, stats: BatchStats): void;
  /** Registers how to read a consumer's lag; read on every scrape. */
  trackLag(consumer: string, lag: () => Promise<number>): void;
}

/**
 * Creates the metrics of a pushpull process (one registry, served on `/metrics`): batch sizes and
 * durations, messages by outcome (ok / dropped / dead-lettered), handler retries and consumer lag.
 *
 * @example const metrics = createPipelineMetrics(); startAggregatorService({ ..., metrics });
 */
export function createPipelineMetrics(): PipelineMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const batchSize = new Histogram({
    name: 'pushpull_consumer_batch_size',
    help: 'Messages per consumer batch',
    labelNames: ['consumer'],
    buckets: [1, 10, 50, 100, 250, 500, 1000, 2000, 5000],
    registers: [registry],
  });
  const batchSeconds = new Histogram({
    name: 'pushpull_consumer_batch_seconds',
    help: 'Time from the first handler call to the commit of a batch',
    labelNames: ['consumer'],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const messages = new Counter({
    name: 'pushpull_consumer_messages_total',
    help: 'Messages consumed, by outcome',
    labelNames: ['consumer', 'outcome'],
    registers: [registry],
  });
  const retries = new Counter({
    name: 'pushpull_consumer_batch_retries_total',
    help: 'Handler retries after infrastructure faults',
    labelNames: ['consumer'],
    registers: [registry],
  });
  const lags = new Map<string, () => Promise<number>>();
  new Gauge({
    name: 'pushpull_consumer_lag',
    help: 'Messages of the input topic not yet consumed by the group',
    labelNames: ['consumer'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [consumer, lag] of lags) {
        try {
          this.set({ consumer }, await lag());
        } catch {
          // lag unknown right now (broker unreachable): leave it out of this scrape
        }
      }
    },
  });
  return {
    registry,
    observeBatch(consumer, s) {
      batchSize.observe({ consumer }, s.size);
      batchSeconds.observe({ consumer }, s.durationMs / 1000);
      messages.inc({ consumer, outcome: 'ok' }, s.ok);
      if (s.dropped) messages.inc({ consumer, outcome: 'dropped' }, s.dropped);
      if (s.deadLettered) messages.inc({ consumer, outcome: 'dead-lettered' }, s.deadLettered);
      if (s.attempts > 1) retries.inc({ consumer }, s.attempts - 1);
    },
    trackLag(consumer, lag) {
      lags.set(consumer, lag);
    },
  };
}
