import type { Bus } from '@pushpull/bus';
import {
  busSink,
  configuredSources,
  createSimulatedConnector,
  runSync,
  SIMULATED_SOURCE,
  type SourcesConfig,
  type SyncProgress,
  storeCursorStore,
  storeOrgSnapshotSink,
  suppressingOrgSink,
  suppressingSink,
  syncConfiguredSource,
} from '@pushpull/connectors';
import { type PipelineNames, pipelineNames } from '@pushpull/core';
import { applyRetention, loadSuppressionFilter, type Store } from '@pushpull/store';
import type { Logger } from 'pino';
import { BullmqScheduler } from './bullmq-scheduler';
import { InProcessScheduler } from './in-process-scheduler';
import type { JobHandlers, JobPayload, JobProgress } from './job-catalog';
import type { Scheduler } from './scheduler';

export interface ConnectorWorkerOptions {
  bus: Bus;
  store: Store;
  logger: Logger;
  /** BullMQ on this Redis when set; the in-process scheduler otherwise. */
  redisUrl?: string | undefined;
  /** Topic and queue names; default the contract's. */
  names?: PipelineNames;
  /** Adds the simulated organisation as a source and enqueues its sync. */
  simulate?: JobPayload<'simulated.sync'> | undefined;
  /** The configured sources (config.sources); each is synced now and then every `syncEveryMs`. */
  sources?: SourcesConfig | undefined;
  /** Interval of the scheduled syncs. Default 15 minutes. */
  syncEveryMs?: number;
  /** Where the first sync of a scope starts. Default 90 days before the run. */
  syncSince?: Date | undefined;
  /** PUSHPULL_RETENTION_DAYS: facts older than this many days are deleted now and then daily; unset keeps all. */
  retentionDays?: number | undefined;
  /** The clock of retention runs (tests). Default the system clock. */
  now?: () => Date;
}

/** How often retention runs. */
export const RETENTION_EVERY_MS = 24 * 60 * 60_000;

/** A running connector worker. */
export interface ConnectorWorker {
  scheduler: Scheduler;
  /** Resolves when every enqueued job has finished. */
  whenIdle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the connector worker: a scheduler (BullMQ or in-process) with a handler for every job of
 * the catalog, and enqueues the sources that are configured.
 *
 * @example const w = await startConnectorWorker({ bus, store, logger, simulate: { seed: 1, people: 60, days: 30, start } });
 */
export async function startConnectorWorker(options: ConnectorWorkerOptions): Promise<ConnectorWorker> {
  const { bus, store, logger } = options;
  const names = options.names ?? pipelineNames();
  let scheduler: Scheduler;
  if (options.redisUrl) {
    const bull = new BullmqScheduler(options.redisUrl, logger, names.connectorQueue);
    try {
      await bull.connect();
    } catch (err) {
      await bull.stop().catch(() => undefined);
      throw new Error(`cannot reach Redis at REDIS_URL: ${err instanceof Error ? err.message : String(err)}`);
    }
    scheduler = bull;
  } else {
    scheduler = new InProcessScheduler(logger);
  }
  const handlers: JobHandlers = {
    // The simulated organisation is a connector like the others: its chart goes to the org sink,
    // its events through runSync (validated) to the raw topic.
    'simulated.sync': async (payload, progress) => {
      const filter = await loadSuppressionFilter(store.db);
      const sink = suppressingSink(busSink(bus, names.raw), filter);
      const summary = await runSync({
        connector: createSimulatedConnector(payload),
        cursors: storeCursorStore(store.db, SIMULATED_SOURCE),
        sink,
        orgSink: suppressingOrgSink(storeOrgSnapshotSink(store.db), filter),
        onProgress: (p) => progress(jobProgressOf(p)),
        log: (level, fields, message) => logger[level]({ source: SIMULATED_SOURCE, ...fields }, message),
      });
      if (sink.dropped > 0) {
        logger.info(
          { source: SIMULATED_SOURCE, suppressed: sink.dropped },
          'events of erased people dropped',
        );
      }
      logger.info({ source: SIMULATED_SOURCE, events: summary.events }, 'simulated sync published');
    },
    'retention.run': async ({ days }) => {
      const r = await applyRetention(store.db, {
        days,
        actor: 'retention',
        now: options.now?.() ?? new Date(),
      });
      logger.info(
        { days, keepFrom: r.keepFrom, facts: r.facts, rollupRows: r.rollupRows },
        'retention applied',
      );
    },
  };
  handlers['source.sync'] = async ({ source }, progress) => {
    const sink = busSink(bus, names.raw);
    try {
      const summary = await syncConfiguredSource({
        source,
        sources: options.sources ?? {},
        db: store.db,
        sink,
        redisUrl: options.redisUrl,
        since: options.syncSince,
        onProgress: (p) => progress(jobProgressOf(p)),
        log: (level, fields, message) => logger[level]({ source, ...fields }, message),
      });
      for (const s of summary.skipped)
        logger.warn({ source, scope: s.scope, reason: s.reason }, 'scope skipped');
      logger.info(
        { source, events: summary.events, requests: summary.requests, scopes: summary.scopes },
        'sync done',
      );
    } finally {
      await sink.close();
    }
  };
  await scheduler.start(handlers);
  for (const source of configuredSources(options.sources ?? {})) {
    await scheduler.repeat(
      'source.sync',
      { source },
      `source.sync-${source}`,
      options.syncEveryMs ?? 15 * 60_000,
    );
  }
  if (options.retentionDays !== undefined) {
    await scheduler.repeat(
      'retention.run',
      { days: options.retentionDays },
      'retention.run',
      RETENTION_EVERY_MS,
    );
  }
  if (options.simulate) {
    const p = options.simulate;
    await scheduler.enqueue('simulated.sync', p, `simulated.sync-${p.seed}-${p.people}-${p.days}-${p.start}`);
  }
  logger.info({ scheduler: scheduler.kind }, 'connector worker started');
  return {
    scheduler,
    whenIdle: () => scheduler.whenIdle(),
    stop: () => scheduler.stop(),
  };
}

/** A sync's progress as a job's: scopes done of known, with the events and requests so far. */
function jobProgressOf(p: SyncProgress): JobProgress {
  return {
    done: p.scopesDone,
    total: p.scopesTotal,
    note: `${p.events} events, ${p.requests} requests${p.note ? ` — ${p.note}` : ''}`,
  };
}
