/**
 * The bus: the one small interface every producer and consumer of pushpull uses, with a Kafka
 * implementation (kafkajs) and an embedded in-process one. Handlers never commit offsets and never
 * see the client library: the wrapper owns offsets, retries with backoff, DLQ and backpressure.
 */

/** A message to publish. `key` decides the partition (conversation for raw, actor for labeled). */
export interface OutgoingMessage {
  key: string | null;
  value: Buffer;
  headers?: Record<string, string>;
}

/** A consumed message, with where it came from. */
export interface BusMessage {
  topic: string;
  partition: number;
  /** Offset as a decimal string (Kafka offsets are 64-bit). */
  offset: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * What a handler decided for one message:
 * - `ok`: processed;
 * - `drop`: deliberately ignored (counted, not dead-lettered);
 * - `dlq`: bad input; the wrapper publishes the original bytes to `<topic>.dlq` with
 *   `dlq-reason` and `dlq-step` headers and goes on.
 * Infrastructure faults are thrown instead; the wrapper retries the whole batch with backoff.
 */
export type HandlerResult =
  | { kind: 'ok' }
  | { kind: 'drop'; reason: string }
  | { kind: 'dlq'; reason: string; step: string };

/** A batch as handed to a handler: messages of one topic-partition, in offset order. */
export interface Batch {
  topic: string;
  partition: number;
  messages: BusMessage[];
}

/** Returns one result per message of the batch, in the same order. */
export type BatchHandler = (batch: Batch) => Promise<HandlerResult[]>;

export interface ConsumeOptions {
  topic: string;
  groupId: string;
  handler: BatchHandler;
  /** Largest batch handed to the handler. Default 500. */
  maxBatchSize?: number;
  /** Bounded number of batches in flight across partitions (backpressure). Default 2. */
  maxInFlight?: number;
  /** Retries of a batch whose handler threw, with exponential backoff, before the consumer fails. Default 5. */
  maxRetries?: number;
  /** First backoff delay in ms, doubled each retry. Default 200. */
  retryBackoffMs?: number;
  /** Start from the beginning of the topic when the group has no committed offset. Default true. */
  fromBeginning?: boolean;
  /**
   * Where to resume a partition, for consumers that store their offsets transactionally with their
   * output (the aggregator): returns the next offset to read, or null to use the group's committed one.
   */
  resumeFrom?: (topic: string, partition: number) => Promise<string | null>;
  /** Called when the consumer stops for good (retries exhausted); the process should exit non-zero. */
  onFatal?: (err: unknown) => void;
  /** Called after each handler batch is applied and committed (metrics: sizes, drops, dead letters). */
  onBatchDone?: (stats: BatchStats) => void;
  /**
   * Whether a handler error means a dependency is away for now (a dropped or refused database
   * connection) rather than that the batch is bad. Such a batch is retried, unchanged, until the
   * dependency is back — however long, every `outageRetryMs` at most — and never counts against
   * `maxRetries`, so a database restart does not stop the consumer. Default: no error is one.
   */
  isOutage?: (err: unknown) => boolean;
  /** Longest wait between two attempts during an outage, in ms. Default 2,000. */
  outageRetryMs?: number;
  /** Told when a batch first fails with an outage error, and when that batch gets through again. */
  onOutage?: (change: OutageChange) => void;
}

/** A batch's dependency outage starting or ending (see `ConsumeOptions.isOutage`). */
export type OutageChange =
  | { state: 'down'; topic: string; partition: number; error: unknown }
  | { state: 'up'; topic: string; partition: number; downForMs: number };

/** What the wrapper did with one handler batch, for metrics. Never carries message contents. */
export interface BatchStats {
  topic: string;
  partition: number;
  /** Messages in the batch. */
  size: number;
  ok: number;
  dropped: number;
  deadLettered: number;
  /** Handler calls it took (1 when the first one succeeded). */
  attempts: number;
  /** From the first handler call to the commit, in ms. */
  durationMs: number;
}

/** A running consumer. */
export interface Consumer {
  /** Stops fetching, waits for in-flight batches, commits, and disconnects. */
  stop(): Promise<void>;
  /** Messages not yet consumed by this group, summed over partitions (consumer lag). */
  lag(): Promise<number>;
}

/** The bus. */
export interface Bus {
  /** Creates topics (and their `.dlq`) if missing. Idempotent. */
  ensureTopics(topics: readonly string[], partitions?: number): Promise<void>;
  /** Publishes a batch; resolves once every message is durably accepted. */
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  /** Starts a consumer group member on one topic. */
  consume(options: ConsumeOptions): Promise<Consumer>;
  /** Stops every consumer and producer of this bus. */
  close(): Promise<void>;
}

/** Header names on dead-lettered messages. */
export const DLQ_REASON_HEADER = 'dlq-reason';
export const DLQ_STEP_HEADER = 'dlq-step';
