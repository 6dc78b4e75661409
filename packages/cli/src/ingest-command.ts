import { DLQ_REASON_HEADER, DLQ_STEP_HEADER, type OutgoingMessage } from '@pushpull/bus';
import type { PushpullConfig } from '@pushpull/config';
import { dlqTopic, toActivityMessage } from '@pushpull/core';
import { createLogger } from '@pushpull/runtime';
import { servePipeline } from '@pushpull/service-all-in-one';
import { countFacts } from '@pushpull/store';
import { LineRejections } from './line-rejections';
import { readActivityLines } from './read-activity-lines';

const BATCH = 1000;

/** Header of an event `ingest` dead-lettered: the input file it came from. */
export const DLQ_SOURCE_FILE_HEADER = 'dlq-source-file';
/** Header of an event `ingest` dead-lettered: its line in the input file. */
export const DLQ_SOURCE_LINE_HEADER = 'dlq-source-line';
/** The `dlq-step` of events `ingest` dead-letters (an id re-used with different content). */
export const INGEST_DLQ_STEP = 'ingest.dedupe';

/**
 * `pushpull ingest FILE`: publishes the file's ActivityEvents to the raw topic. On the embedded bus
 * it runs the classifier and aggregator in this process and returns once everything is stored; on
 * Kafka it returns once every event is published (the services do the rest).
 *
 * Bad input is handled per line and never sinks the file: a line over 1 MiB, nested deeper than 64
 * levels, not JSON or not an ActivityEvent is reported with its number and code and skipped. An event
 * re-using an earlier line's id with different content (which the pipeline, keyed by id, would
 * silently drop) is reported, counted, and sent to `<raw topic>.dlq` with `dlq-reason`,
 * `dlq-step: ingest.dedupe`, `dlq-source-file` and `dlq-source-line`; the first event keeps the id.
 * A JSON array file is refused as a whole (`INPUT_NOT_JSONL`). The last line says how many events
 * were published and how many lines were rejected; the exit status is 1 if any line was.
 *
 * @example await ingestCommand('events.jsonl', parseConfig(process.env)) // 0
 */
export async function ingestCommand(file: string, config: PushpullConfig): Promise<number> {
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'ingest');
  const embedded = !config.kafkaBrokers;
  const pipeline = await servePipeline({
    config,
    logger,
    services: embedded ? ['classifier', 'aggregator'] : [],
  });
  const say = (text: string) => process.stderr.write(`pushpull ingest: ${text}\n`);
  const rejected = new LineRejections('pushpull ingest', file, (s) => process.stderr.write(s));
  const { raw } = pipeline.runtime.names;
  let published = 0;
  let repeats = 0;
  try {
    let batch: OutgoingMessage[] = [];
    let deadLetters: OutgoingMessage[] = [];
    const flush = async () => {
      if (batch.length > 0) {
        await pipeline.runtime.bus.publish(raw, batch);
        published += batch.length;
        if (published % 20_000 < batch.length) say(`${published} events published`);
        batch = [];
      }
      if (deadLetters.length > 0) {
        await pipeline.runtime.bus.publish(dlqTopic(raw), deadLetters);
        deadLetters = [];
      }
    };
    for await (const read of readActivityLines(file)) {
      if (!read.ok) {
        const { line, code, conflict } = read;
        let { reason } = read;
        if (conflict) {
          reason += `; sent to ${dlqTopic(raw)}`;
          const message = toActivityMessage(conflict.event);
          deadLetters.push({
            ...message,
            headers: {
              ...message.headers,
              [DLQ_REASON_HEADER]: `EVENT_ID_CONFLICT: ${read.reason}`,
              [DLQ_STEP_HEADER]: INGEST_DLQ_STEP,
              [DLQ_SOURCE_FILE_HEADER]: file,
              [DLQ_SOURCE_LINE_HEADER]: String(line),
            },
          });
        }
        rejected.add(line, code, reason, conflict?.firstLine);
        continue;
      }
      let message: OutgoingMessage;
      try {
        message = toActivityMessage(read.event);
      } catch (err) {
        // Validated events always serialise; should one not, it stays this line's problem.
        rejected.add(
          read.line,
          'EVENT_UNREADABLE',
          `could not be serialised (${err instanceof Error ? err.message : String(err)})`,
        );
        continue;
      }
      if (read.repeatOf !== undefined) repeats++;
      batch.push(message);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    const conflicts = rejected.conflictSummary();
    if (conflicts) say(`${conflicts}; the first of each was kept, the others sent to ${dlqTopic(raw)}`);
    const repeated = repeats > 0 ? ` (${repeats} repeat an earlier line exactly: stored once)` : '';
    if (embedded) {
      await pipeline.settled();
      const stored = await countFacts(pipeline.runtime.store.db);
      say(
        `${file}: ${published} events published${repeated}, classified and aggregated; ${rejected.summary()}; ${stored} facts stored`,
      );
    } else {
      say(`${file}: ${published} events published${repeated} to ${raw}; ${rejected.summary()}`);
    }
  } finally {
    await pipeline.stop();
  }
  return rejected.count > 0 ? 1 : 0;
}
