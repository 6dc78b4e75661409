import { DLQ_REASON_HEADER, DLQ_STEP_HEADER, type OutgoingMessage } from '@pushpull/bus';
import {
  dlqTopic,
  errorKind,
  isPushpullError,
  type SuppressionFilter,
  toActivityMessage,
} from '@pushpull/core';
import type { LineRejections } from './line-rejections';
import { type PublishWithRetryOptions, publishWithRetry, type RetryClock } from './publish-with-retry';
import { readActivityLines } from './read-activity-lines';

/** Header of an event `ingest` dead-lettered: the input file it came from. */
export const DLQ_SOURCE_FILE_HEADER = 'dlq-source-file';
/** Header of an event `ingest` dead-lettered: its line in the input file. */
export const DLQ_SOURCE_LINE_HEADER = 'dlq-source-line';
/** The `dlq-step` of events `ingest` dead-letters (an id re-used with different content). */
export const INGEST_DLQ_STEP = 'ingest.dedupe';

/** Default of `--retry-for`: how long `ingest` retries through a bus outage. */
export const DEFAULT_RETRY_FOR_MS = 120_000;

export interface IngestLinesOptions {
  file: string;
  /** The raw topic. */
  raw: string;
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  rejected: LineRejections;
  say(text: string): void;
  /** Lines before this one (1-based) are read (so re-used ids are still seen) but neither published nor reported. */
  fromLine?: number;
  retryForMs?: number;
  clock?: RetryClock;
  /** Events per publish call. Default 1 000. */
  batchSize?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** See {@link PublishWithRetryOptions.stallMs} (on Kafka, where the client retries inside a call). */
  stallMs?: number;
  /** Events involving an erased person are dropped (counted in `suppressed`), never published. */
  suppression?: SuppressionFilter;
  /** What stdin is, when `file` is `-` (default: the process's). */
  stdin?: NodeJS.ReadableStream;
}

export interface IngestLinesResult {
  published: number;
  /** Published events that exactly repeat an earlier line (stored once). */
  repeats: number;
  /** Events dropped because they involve an erased person. */
  suppressed: number;
  /** Set when the bus stayed away past the deadline: the error, and the first line not known to be published. */
  gaveUp?: { error: Error; resumeLine: number };
}

/**
 * Reads `file` and publishes its events to the raw topic in order, batch by batch, retrying through a
 * bus outage for `retryForMs` (default 2 minutes). Bad lines go to `rejected`; an id re-used with
 * other content goes to `<raw>.dlq`. If the bus stays away past the deadline it stops reading and
 * returns the line to resume from: the first line of the batch that was not acknowledged, so
 * re-running with `--from-line` re-sends at most that batch (stored once: ids are the idempotency key).
 *
 * @example
 * const r = await ingestLines({ file, raw, publish: (t, m) => bus.publish(t, m), rejected, say });
 * if (r.gaveUp) say(`resume with --from-line ${r.gaveUp.resumeLine}`);
 */
export async function ingestLines(options: IngestLinesOptions): Promise<IngestLinesResult> {
  const { file, raw, rejected, say } = options;
  const fromLine = options.fromLine ?? 1;
  const batchSize = options.batchSize ?? 1000;
  const send = publishWithRetry({
    publish: options.publish,
    retryForMs: options.retryForMs ?? DEFAULT_RETRY_FOR_MS,
    clock: options.clock,
    say,
    initialBackoffMs: options.initialBackoffMs,
    maxBackoffMs: options.maxBackoffMs,
    stallMs: options.stallMs,
  });
  let published = 0;
  let repeats = 0;
  let suppressed = 0;
  let batch: OutgoingMessage[] = [];
  let batchFirst: number | undefined;
  let batchRepeats = 0;
  let deadLetters: OutgoingMessage[] = [];
  let deadFirst: number | undefined;

  const flush = async () => {
    if (batch.length > 0) {
      await send(raw, batch);
      published += batch.length;
      repeats += batchRepeats;
      if (published % 20_000 < batch.length) say(`${published} events published`);
      batch = [];
      batchFirst = undefined;
      batchRepeats = 0;
    }
    if (deadLetters.length > 0) {
      await send(dlqTopic(raw), deadLetters);
      deadLetters = [];
      deadFirst = undefined;
    }
  };

  try {
    for await (const read of readActivityLines(file, { stdin: options.stdin })) {
      if (read.line < fromLine) continue;
      if (!read.ok) {
        const { line, code, conflict } = read;
        let { reason } = read;
        if (conflict && options.suppression?.involves(conflict.event)) {
          suppressed++;
        } else if (conflict) {
          reason += `; sent to ${dlqTopic(raw)}`;
          const message = toActivityMessage(conflict.event);
          deadFirst ??= line;
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
      if (options.suppression?.involves(read.event)) {
        suppressed++;
        continue;
      }
      let message: OutgoingMessage;
      try {
        message = toActivityMessage(read.event);
      } catch (err) {
        // Validated events always serialise; should one not, it stays this line's problem.
        rejected.add(read.line, 'EVENT_UNREADABLE', `could not be serialised (${errorKind(err)})`);
        continue;
      }
      if (read.repeatOf !== undefined) batchRepeats++;
      batchFirst ??= read.line;
      batch.push(message);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } catch (err) {
    if (!isPushpullError(err, 'INGEST_BUS_GAVE_UP')) throw err;
    const pending = [batchFirst, deadFirst].filter((n): n is number => n !== undefined);
    return { published, repeats, suppressed, gaveUp: { error: err, resumeLine: Math.min(...pending) } };
  }
  return { published, repeats, suppressed };
}
