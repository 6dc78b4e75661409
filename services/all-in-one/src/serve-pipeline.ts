import type { BatchStats } from '@pushpull/bus';
import type { PushpullConfig } from '@pushpull/config';
import {
  createRuntimeDependencyHealth,
  type DependencyHealth,
  type DependencyHealthOptions,
  openRuntime,
  type Runtime,
} from '@pushpull/runtime';
import { type AggregatorService, startAggregatorService } from '@pushpull/service-aggregator';
import { type ClassifierService, startClassifierService } from '@pushpull/service-classifier';
import {
  type ConnectorWorker,
  type JobPayload,
  startConnectorWorker,
} from '@pushpull/service-connector-worker';
import { type DashboardService, startDashboardService, userInboxDir } from '@pushpull/service-dashboard';
import type { Logger } from 'pino';
import { startMetricsServer } from './metrics-server';
import { createPipelineHealth } from './pipeline-health-source';

/** The services `pushpull serve` can run, in start order. */
export const SERVICE_NAMES = ['connectors', 'classifier', 'aggregator', 'dashboard'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Parses `--only a,b`; an unknown name is one clear error listing the valid ones. */
export function parseServiceList(only: string | undefined): ServiceName[] {
  if (!only) return [...SERVICE_NAMES];
  const names = only
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = names.filter((n) => !(SERVICE_NAMES as readonly string[]).includes(n));
  if (bad.length > 0 || names.length === 0) {
    throw new Error(
      `--only: unknown service ${bad.join(', ') || '(none)'}; choose from ${SERVICE_NAMES.join(', ')}`,
    );
  }
  return SERVICE_NAMES.filter((n) => names.includes(n));
}

export interface ServePipelineOptions {
  config: PushpullConfig;
  logger: Logger;
  services?: ServiceName[];
  /** The simulated organisation to run as a source (with `connectors`). */
  simulate?: JobPayload<'simulated.sync'> | undefined;
  announce?: (line: string) => void;
  /** Fatal consumer failure (retries exhausted). Default: log and exit 1. */
  onFatal?: (err: unknown) => void;
  /** Probe timeout and cache interval of `/healthz` and `pushpull_dependency_up` (defaults 800 / 2000 ms). */
  dependencyHealth?: Omit<DependencyHealthOptions, 'onChange'>;
}

/** A running pipeline (any subset of the services in one process). */
export interface Pipeline {
  runtime: Runtime;
  classifier?: ClassifierService;
  aggregator?: AggregatorService;
  dashboard?: DashboardService;
  connectors?: ConnectorWorker;
  /** Postgres, Kafka and Redis as far as this process uses them (what `/healthz` reports). */
  dependencies: DependencyHealth;
  /**
   * Resolves when the connectors are idle and the classifier and aggregator of this process have
   * consumed everything (lag 0), checked twice in a row.
   */
  settled(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the pipeline services in one process on Kafka/Postgres/Redis when configured and on the
 * embedded bus, PGlite and the in-process scheduler otherwise. This is `pushpull serve`.
 *
 * @example const p = await servePipeline({ config, logger, simulate: { seed: 7, people: 60, days: 60, start } });
 */
export async function servePipeline(options: ServePipelineOptions): Promise<Pipeline> {
  const { config, logger } = options;
  const services = options.services ?? [...SERVICE_NAMES];
  const onFatal =
    options.onFatal ??
    ((err: unknown) => {
      logger.fatal(
        { err: { message: err instanceof Error ? err.message : String(err) } },
        'consumer failed for good',
      );
      process.exit(1);
    });
  const runtime = await openRuntime(config, logger, 'pushpull');
  const { bus, store, names } = runtime;
  const health = createPipelineHealth(bus, names);
  const dependencies = createRuntimeDependencyHealth(
    runtime,
    { scheduler: services.includes('connectors') },
    options.dependencyHealth,
  );
  let metricsServer: { port: number; close(): Promise<void> } | undefined;
  const pipeline: Pipeline = {
    runtime,
    dependencies,
    async settled(timeoutMs = 10 * 60_000) {
      const deadline = Date.now() + timeoutMs;
      let quiet = 0;
      while (quiet < 2) {
        if (Date.now() > deadline) throw new Error(`pipeline did not settle within ${timeoutMs} ms`);
        await pipeline.connectors?.whenIdle();
        const lags = await Promise.all([pipeline.classifier?.lag() ?? 0, pipeline.aggregator?.lag() ?? 0]);
        quiet = lags.every((l) => l === 0) ? quiet + 1 : 0;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      await metricsServer?.close();
      await health.stop();
      await pipeline.connectors?.stop();
      await pipeline.dashboard?.stop();
      await pipeline.classifier?.stop();
      await pipeline.aggregator?.stop();
      await runtime.close();
    },
  };
  const { metrics } = runtime;
  /** A consuming stage's hooks: a fatal error shows on /healthz before it stops us; every batch is counted by both. */
  const stageHooks = (stage: 'aggregator' | 'classifier') => ({
    onFatal: (err: unknown) => {
      health.recordError(stage, err instanceof Error ? err.message : String(err));
      onFatal(err);
    },
    onBatchDone: (s: BatchStats) => {
      metrics.observeBatch(stage, s);
      health.observeBatch(stage, s);
    },
  });
  const trackLag = (stage: 'aggregator' | 'classifier', lag: () => Promise<number>) => {
    metrics.trackLag(stage, lag);
    health.trackLag(stage, lag);
  };
  try {
    if (services.includes('aggregator')) {
      const aggregator = await startAggregatorService({
        bus,
        store,
        logger,
        names,
        ...stageHooks('aggregator'),
      });
      trackLag('aggregator', () => aggregator.lag());
      pipeline.aggregator = aggregator;
    }
    if (services.includes('classifier')) {
      pipeline.classifier = await startClassifierService({
        bus,
        store,
        logger,
        names,
        orgDomains: config.orgDomains,
        ...stageHooks('classifier'),
      });
      trackLag('classifier', () => pipeline.classifier?.lag() ?? Promise.resolve(0));
    }
    if (services.includes('dashboard')) {
      await health.start();
      pipeline.dashboard = await startDashboardService({
        health: health.source,
        dependencies,
        store,
        logger,
        port: config.port,
        host: config.host,
        adminPassword: config.adminPassword,
        trustProxy: config.trustProxy,
        // embedded: `pushpull users add|remove` hand their changes to this process (PGlite is one process's)
        ...(config.databaseUrl ? {} : { userInboxDir: userInboxDir(config.dataDir) }),
        metricsText: () => metrics.registry.metrics(),
        ...(options.announce ? { announce: options.announce } : {}),
      });
    }
    if (services.includes('connectors')) {
      pipeline.connectors = await startConnectorWorker({
        bus,
        store,
        logger,
        redisUrl: config.redisUrl,
        names,
        simulate: options.simulate,
        sources: config.sources,
        syncEveryMs: config.syncEveryMs,
        syncSince: config.syncSince,
        retentionDays: config.retentionDays,
      });
    }
    if (!pipeline.dashboard && config.metricsPort !== undefined) {
      metricsServer = await startMetricsServer(metrics.registry, config.host, config.metricsPort, {
        health: dependencies,
      });
      options.announce?.(`pushpull metrics: http://${config.host}:${metricsServer.port}/metrics`);
    }
  } catch (err) {
    await pipeline.stop().catch(() => undefined);
    throw err;
  }
  return pipeline;
}
