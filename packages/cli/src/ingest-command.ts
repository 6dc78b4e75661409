import type { PushpullConfig } from '@pushpull/config';
import { dlqTopic } from '@pushpull/core';
import { createLogger } from '@pushpull/runtime';
import { servePipeline } from '@pushpull/service-all-in-one';
import { countFacts, loadSuppressionFilter } from '@pushpull/store';
import { type CommandStreams, processStreams } from './cli-io';
import { DEFAULT_RETRY_FOR_MS, ingestLines } from './ingest-lines';
import { LineRejections } from './line-rejections';
import type { RetryClock } from './publish-with-retry';

export {
  DEFAULT_RETRY_FOR_MS,
  DLQ_SOURCE_FILE_HEADER,
  DLQ_SOURCE_LINE_HEADER,
  INGEST_DLQ_STEP,
} from './ingest-lines';

export interface IngestCommandOptions {
  /** Skip the first `fromLine - 1` lines (resume where a run that gave up stopped). Default 1. */
  fromLine?: number;
  /** How long a bus outage is retried before giving up. Default 2 minutes. */
  retryForMs?: number;
  clock?: RetryClock;
}

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
 * A JSON array file is refused as a whole (`INPUT_NOT_JSONL`).
 *
 * Events involving an erased person (`pushpull person erase`) are dropped before the bus and counted.
 *
 * A broker outage is retried for `retryForMs` (one line when the bus goes, one when it is back); if
 * it lasts longer, `ingest` stops and names the line to resume from (`--from-line N`, which skips the
 * first N-1 lines; re-sent events are stored once, ids being the idempotency key). The last line
 * always says how many events were published and how many lines were rejected; the exit status is 1
 * if any line was rejected or it gave up. Progress and the summary go to `io.stderr` (default: the process's).
 *
 * @example await ingestCommand('events.jsonl', parseConfig(process.env), { fromLine: 52001 }) // 0
 */
export async function ingestCommand(
  file: string,
  config: PushpullConfig,
  options: IngestCommandOptions = {},
  io: CommandStreams = processStreams(),
): Promise<number> {
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'ingest', io.stderr);
  const embedded = !config.kafkaBrokers;
  const pipeline = await servePipeline({
    config,
    logger,
    services: embedded ? ['classifier', 'aggregator'] : [],
  });
  const say = (text: string) => io.stderr.write(`pushpull ingest: ${text}\n`);
  const rejected = new LineRejections('pushpull ingest', file, (s) => io.stderr.write(s));
  const { raw } = pipeline.runtime.names;
  let gaveUp = false;
  try {
    const result = await ingestLines({
      file,
      raw,
      publish: (topic, messages) => pipeline.runtime.bus.publish(topic, messages),
      rejected,
      say,
      fromLine: options.fromLine,
      retryForMs: options.retryForMs ?? DEFAULT_RETRY_FOR_MS,
      clock: options.clock,
      // kafkajs retries a lost broker inside a call for a while: say so once it has been silent 5 s.
      // (The embedded bus may hold a call on purpose, for backpressure.)
      stallMs: embedded ? undefined : 5_000,
      suppression: await loadSuppressionFilter(pipeline.runtime.store.db),
      stdin: io.stdin,
    });
    const { published, repeats } = result;
    if (result.suppressed > 0) {
      say(`${result.suppressed} events of erased people dropped (docs/security.md, "Erasure")`);
    }
    const conflicts = rejected.conflictSummary();
    if (conflicts) say(`${conflicts}; the first of each was kept, the others sent to ${dlqTopic(raw)}`);
    const repeated = repeats > 0 ? ` (${repeats} repeat an earlier line exactly: stored once)` : '';
    const skipped = (options.fromLine ?? 1) > 1 ? ` from line ${options.fromLine}` : '';
    if (result.gaveUp) {
      gaveUp = true;
      const { error, resumeLine } = result.gaveUp;
      say(`${error.message}`);
      say(
        `${file}: ${published} events published${skipped}${repeated} to ${raw}; ${rejected.summary()}; stopped before line ${resumeLine}: resume with --from-line ${resumeLine}`,
      );
    } else if (embedded) {
      await pipeline.settled();
      const stored = await countFacts(pipeline.runtime.store.db);
      say(
        `${file}: ${published} events published${skipped}${repeated}, classified and aggregated; ${rejected.summary()}; ${stored} facts stored`,
      );
    } else {
      say(`${file}: ${published} events published${skipped}${repeated} to ${raw}; ${rejected.summary()}`);
    }
  } finally {
    await pipeline.stop();
  }
  return gaveUp || rejected.count > 0 ? 1 : 0;
}
