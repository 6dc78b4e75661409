import { type Bus, createBus } from '@pushpull/bus';
import type { PushpullConfig } from '@pushpull/config';
import { dlqTopic, type PipelineNames, pipelineNames } from '@pushpull/core';
import type { Store } from '@pushpull/store';
import type { Logger } from 'pino';
import { openConfiguredStore } from './open-configured-store';
import { createPipelineMetrics, type PipelineMetrics } from './pipeline-metrics';

/** The infrastructure one process shares between the services it runs. */
export interface Runtime {
  config: PushpullConfig;
  logger: Logger;
  bus: Bus;
  store: Store;
  /** Topic, group and queue names of this pipeline (namespaced by PUSHPULL_NAMESPACE). */
  names: PipelineNames;
  /** Prometheus metrics of this process. */
  metrics: PipelineMetrics;
  close(): Promise<void>;
}

/**
 * Opens the store (migrating it, and storing the classifier's label corrections: see
 * `openConfiguredStore`) and the bus (creating topics) from config: Postgres and Kafka when their
 * variables are set, PGlite and the embedded bus otherwise. Fails fast with one clear error.
 *
 * @example const rt = await openRuntime(parseConfig(process.env), createLogger('info', 'all'), 'pushpull');
 */
export async function openRuntime(
  config: PushpullConfig,
  logger: Logger,
  clientId: string,
): Promise<Runtime> {
  const store = await openConfiguredStore(config, logger);
  const names = pipelineNames(config.namespace);
  let bus: Bus;
  try {
    bus = createBus({
      ...(config.kafkaBrokers ? { kafkaBrokers: config.kafkaBrokers } : {}),
      kafkaSecurity: config.kafkaSecurity,
      kafkaClient: config.kafkaClient,
      clientId,
    });
    await bus.ensureTopics(
      [names.raw, names.labeled, dlqTopic(names.raw), dlqTopic(names.labeled)],
      config.topicPartitions,
    );
  } catch (err) {
    await store.close();
    throw err;
  }
  logger.info(
    {
      store: store.kind,
      bus: config.kafkaBrokers ? 'kafka' : 'embedded',
      ...(config.kafkaBrokers ? { kafkaClient: config.kafkaClient } : {}),
      scheduler: config.redisUrl ? 'bullmq' : 'in-process',
    },
    'runtime ready',
  );
  return {
    config,
    logger,
    bus,
    store,
    names,
    metrics: createPipelineMetrics(),
    async close() {
      await bus.close();
      await store.close();
    },
  };
}
