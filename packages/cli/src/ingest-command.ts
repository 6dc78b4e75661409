import type { OutgoingMessage } from '@pushpull/bus';
import type { PushpullConfig } from '@pushpull/config';
import { toActivityMessage } from '@pushpull/core';
import { createLogger } from '@pushpull/runtime';
import { servePipeline } from '@pushpull/service-all-in-one';
import { countFacts } from '@pushpull/store';
import { parseActivityLine } from './parse-activity-line';
import { readLines } from './read-lines';

const BATCH = 1000;

/**
 * `pushpull ingest FILE`: publishes the file's ActivityEvents to the raw topic. On the embedded bus
 * it runs the classifier and aggregator in this process and returns once everything is stored; on
 * Kafka it returns once every event is published (the services do the rest). Bad lines are reported
 * with their number and skipped; the exit status is then 1.
 */
export async function ingestCommand(file: string, config: PushpullConfig): Promise<number> {
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'ingest');
  const embedded = !config.kafkaBrokers;
  const pipeline = await servePipeline({
    config,
    logger,
    services: embedded ? ['classifier', 'aggregator'] : [],
  });
  let bad = 0;
  let published = 0;
  try {
    let batch: OutgoingMessage[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await pipeline.runtime.bus.publish(pipeline.runtime.names.raw, batch);
      published += batch.length;
      batch = [];
      if (published % 20_000 < BATCH)
        process.stderr.write(`pushpull ingest: ${published} events published\n`);
    };
    for await (const { line, text } of readLines(file)) {
      if (text.trim() === '') continue;
      const parsed = parseActivityLine(text);
      if (!parsed.ok) {
        bad++;
        process.stderr.write(`pushpull ingest: ${file}: line ${line}: ${parsed.reason}\n`);
        continue;
      }
      batch.push(toActivityMessage(parsed.event));
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    if (embedded) {
      await pipeline.settled();
      const stored = await countFacts(pipeline.runtime.store.db);
      process.stderr.write(
        `pushpull ingest: ${published} events published, classified and aggregated; ${stored} facts stored\n`,
      );
    } else {
      process.stderr.write(
        `pushpull ingest: ${published} events published to ${pipeline.runtime.names.raw}\n`,
      );
    }
  } finally {
    await pipeline.stop();
  }
  return bad > 0 ? 1 : 0;
}
