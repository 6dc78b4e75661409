import type { Batch } from '@pushpull/bus';
import type { Logger } from 'pino';

/**
 * Counts in `stats.deadLettered` and logs (warn, with topic, partition, offset and reason) each
 * message of `batch` that did not decode (`decodeBatch`'s failures): it goes to the DLQ. `what`
 * names the kind of event in the log line (`raw`, `labeled`).
 *
 * @example noteDeadLettered(stats, logger, batch, failures, 'raw');
 */
export function noteDeadLettered(
  stats: { deadLettered: number },
  logger: Logger,
  batch: Batch,
  failures: readonly { offset: string; reason: string }[],
  what: string,
): void {
  for (const f of failures) {
    stats.deadLettered++;
    logger.warn(
      { topic: batch.topic, partition: batch.partition, ...f },
      `malformed ${what} event sent to the DLQ`,
    );
  }
}

/**
 * Counts in `stats.suppressed` and logs (info) the `dropped` events of a batch that involved erased
 * people; nothing when none was dropped.
 *
 * @example noteSuppressed(stats, logger, dropped);
 */
export function noteSuppressed(stats: { suppressed: number }, logger: Logger, dropped: number): void {
  if (dropped > 0) {
    stats.suppressed += dropped;
    logger.info({ suppressed: dropped }, 'events of erased people dropped');
  }
}
