import {
  type Batch,
  type Bus,
  type ConsumeOptions,
  type Consumer,
  decodeBatch,
  type HandlerResult,
} from '@pushpull/bus';
import { decodeLabeled, type PipelineNames, pipelineNames } from '@pushpull/core';
import { dependencyOutageOptions, noteDeadLettered, noteSuppressed } from '@pushpull/runtime';
import {
  type FactInput,
  loadSuppressionFilter,
  readOffsets,
  readOrgVersion,
  recordLabeledBatch,
  type Store,
} from '@pushpull/store';
import type { Logger } from 'pino';
import { toFact } from './to-fact';

export interface AggregatorServiceOptions {
  bus: Bus;
  store: Store;
  logger: Logger;
  /** Topic and group names; default the contract's. */
  names?: PipelineNames;
  maxBatchSize?: number;
  onFatal?: (err: unknown) => void;
  /** Per-batch statistics, for metrics. */
  onBatchDone?: ConsumeOptions['onBatchDone'];
}

/** A running aggregator. */
export interface AggregatorService {
  /** `suppressed`: labeled events dropped because they involve an erased person. */
  readonly stats: { inserted: number; duplicates: number; deadLettered: number; suppressed: number };
  /** Messages of its input topic not yet consumed. */
  lag(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The aggregator: labeled topic → facts and daily rollups in Postgres. Each batch's facts, rollup
 * increments and the consumed offsets are written in ONE transaction keyed by event id, and the
 * consumer resumes from the offsets stored there — so a crash, a replay or a duplicate never
 * double counts and never loses an event. Events labeled before their person was erased (still on the
 * labeled topic) are dropped: the suppression list is re-read whenever the org version moves (an
 * erasure bumps it), checked by the statement that writes each batch (`ifOrgVersion`): a batch is
 * written only with the list of the version current at that moment.
 *
 * @example
 * const agg = await startAggregatorService({ bus, store, logger });
 */
export async function startAggregatorService(options: AggregatorServiceOptions): Promise<AggregatorService> {
  const { bus, store, logger } = options;
  const names = options.names ?? pipelineNames();
  const groupId = names.aggregatorGroup;
  const stats = { inserted: 0, duplicates: 0, deadLettered: 0, suppressed: 0 };
  let suppressionAt = await readOrgVersion(store.db);
  let suppression = await loadSuppressionFilter(store.db);

  const handler = async (batch: Batch): Promise<HandlerResult[]> => {
    const now = new Date().toISOString();
    const { values, results, failures } = decodeBatch(batch, decodeLabeled, 'aggregator.decode');
    noteDeadLettered(stats, logger, batch, failures, 'labeled');
    const last = batch.messages[batch.messages.length - 1];
    if (!last) return results;
    const offsets = [
      { topic: batch.topic, partition: batch.partition, nextOffset: (BigInt(last.offset) + 1n).toString() },
    ];
    // The write itself checks that the org version is still the one the suppression list was loaded
    // at (no round trip of its own); when an erasure moved it, nothing was written: load the list
    // again and write the batch again.
    for (;;) {
      let dropped = 0;
      const facts: FactInput[] = values.flatMap((l) => {
        if (!l) return [];
        if (suppression.involvesLabeled(l)) {
          dropped++;
          return [];
        }
        return [toFact(l, now)];
      });
      const written = await recordLabeledBatch(store.db, {
        groupId,
        facts,
        offsets,
        ifOrgVersion: suppressionAt,
      });
      if (written.orgVersionMoved !== undefined) {
        suppression = await loadSuppressionFilter(store.db);
        suppressionAt = written.orgVersionMoved;
        continue;
      }
      noteSuppressed(stats, logger, dropped);
      stats.inserted += written.inserted;
      stats.duplicates += written.duplicates;
      return results;
    }
  };

  const consumer: Consumer = await bus.consume({
    topic: names.labeled,
    groupId,
    handler,
    maxBatchSize: options.maxBatchSize ?? 2000,
    resumeFrom: async (topic, partition) => {
      const stored = await readOffsets(store.db, groupId, topic);
      return stored.get(partition) ?? null;
    },
    ...dependencyOutageOptions(store, logger),
    ...(options.onFatal ? { onFatal: options.onFatal } : {}),
    ...(options.onBatchDone ? { onBatchDone: options.onBatchDone } : {}),
  });
  logger.info({ topic: names.labeled, group: groupId }, 'aggregator started');
  return {
    stats,
    lag: () => consumer.lag(),
    async stop() {
      await consumer.stop();
    },
  };
}
