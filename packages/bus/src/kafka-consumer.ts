import { PushpullError } from '@pushpull/core';
import type { Admin, EachBatchPayload, Kafka, Consumer as KafkaJsConsumer, KafkaMessage } from 'kafkajs';
import type { BusMessage, Consumer, OutgoingMessage } from './bus';
import type { ConsumeSettings } from './consume-settings';
import { parseResumeOffset } from './consume-settings';
import { logAssigned, logWaiting } from './consumer-log-lines';
import { consumerStartError } from './consumer-start-error';
import { handleBatch } from './handle-batch';
import type { BusLogSink } from './kafka-log-creator';
import { retryThroughOutage } from './retry-through-outage';

/** Consumer-group timing (see `KafkaBusOptions` for what each one bounds and its default). */
export interface KafkaConsumerTuning {
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  heartbeatIntervalMs: number;
  maxWaitTimeMs: number;
}

/** What a Kafka consumer needs from its bus. */
export interface KafkaConsumerHost {
  kafka: Kafka;
  admin: Admin;
  tuning: KafkaConsumerTuning;
  /** Where the consumer's own lines go (joining, waiting for partitions, assigned). */
  log: BusLogSink;
  /** Clock for the waited-for durations in those lines (ms). */
  now: () => number;
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  stopped(consumer: KafkaBusConsumer): void;
}

const EMPTY = Buffer.alloc(0);

function toBusMessage(topic: string, partition: number, m: KafkaMessage): BusMessage {
  const headers: Record<string, string> = {};
  if (m.headers) {
    for (const [name, raw] of Object.entries(m.headers)) {
      const value = Array.isArray(raw) ? raw[0] : raw;
      if (value !== undefined) headers[name] = value.toString();
    }
  }
  return {
    topic,
    partition,
    offset: m.offset,
    key: m.key ? m.key.toString('utf8') : null,
    value: m.value ?? EMPTY,
    headers,
  };
}

/**
 * One consumer-group member on Kafka (kafkajs `eachBatch`, manual offsets). Batches of up to
 * `maxBatchSize` go to the handler; a batch's offset is committed only after its results are applied
 * (dead letters published) — kafkajs hands out one batch per partition at a time, so every earlier
 * batch of that partition has finished too. Up to `maxInFlight` partitions run concurrently; a
 * handler that throws is retried with backoff while heartbeats continue; `resumeFrom` is asked on
 * every assignment and the partition is moved there.
 *
 * Use {@link KafkaBus.consume}; this class is not constructed directly.
 */
export class KafkaBusConsumer implements Consumer {
  private readonly client: KafkaJsConsumer;
  private readonly abort = new AbortController();
  /** Partitions whose `resumeFrom` answer has been applied in this generation. */
  private readonly resumed = new Set<number>();
  /** `resumeFrom` answers of this generation, asked as soon as the partition is assigned. */
  private targets = new Map<number, Promise<bigint | null>>();
  private generation = 0;
  private stopping = false;
  private failed = false;
  private stopPromise: Promise<void> | undefined;
  private readonly publish: (topic: string, messages: readonly OutgoingMessage[]) => Promise<void>;

  constructor(
    private readonly host: KafkaConsumerHost,
    private readonly settings: ConsumeSettings,
  ) {
    const { tuning } = host;
    this.publish = (t, m) => host.publish(t, m);
    this.client = host.kafka.consumer({
      groupId: settings.groupId,
      sessionTimeout: tuning.sessionTimeoutMs,
      rebalanceTimeout: tuning.rebalanceTimeoutMs,
      heartbeatInterval: tuning.heartbeatIntervalMs,
      maxWaitTimeInMs: tuning.maxWaitTimeMs,
      allowAutoTopicCreation: false,
    });
  }

  /** Connects, subscribes, and resolves once the member has joined its group. */
  async start(): Promise<void> {
    const { topic, groupId } = this.settings;
    let joined = false;
    let started = false;
    let fatalCrash: unknown;
    let waitingSince = this.host.now();
    logWaiting(this.host.log, this.settings, 'joining', this.host.tuning.sessionTimeoutMs);
    this.client.on(this.client.events.REBALANCING, () => {
      if (this.stopping) return;
      waitingSince = this.host.now();
      logWaiting(this.host.log, this.settings, 'rejoining', this.host.tuning.sessionTimeoutMs);
    });
    this.client.on(this.client.events.GROUP_JOIN, (event) => {
      joined = true;
      const partitions = event.payload.memberAssignment[topic] ?? [];
      logAssigned(
        this.host.log,
        this.settings,
        partitions,
        event.payload.memberId,
        this.host.now() - waitingSince,
      );
      this.onAssignment(partitions);
    });
    this.client.on(this.client.events.CRASH, (event) => {
      if (event.payload.restart) return;
      fatalCrash = event.payload.error;
      if (!started) return;
      this.fail(
        new PushpullError(
          'BUS_CONSUMER_FAILED',
          `Kafka consumer of ${topic} (group ${groupId}) crashed`,
          {},
          {
            cause: event.payload.error,
          },
        ),
      );
    });
    try {
      await this.client.connect();
      await this.client.subscribe({ topics: [topic], fromBeginning: this.settings.fromBeginning });
      await this.client.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.settings.maxInFlight,
        eachBatch: (payload) => this.onBatch(payload),
      });
      const deadline = Date.now() + this.host.tuning.rebalanceTimeoutMs + 10_000;
      while (!joined && fatalCrash === undefined && Date.now() < deadline) await sleep(20);
      if (fatalCrash !== undefined) throw fatalCrash;
      if (!joined) throw new Error('no group assignment before the rebalance timeout');
      started = true;
    } catch (err) {
      await this.client.disconnect().catch(() => undefined);
      throw consumerStartError(this.settings, err, {
        refusedSession: isRefusedSession(err),
        sessionTimeoutMs: this.host.tuning.sessionTimeoutMs,
      });
    }
  }

  stop(): Promise<void> {
    this.stopPromise ??= this.shutdown();
    return this.stopPromise;
  }

  async lag(): Promise<number> {
    const { topic, groupId, fromBeginning } = this.settings;
    const [ends, groups] = await Promise.all([
      this.host.admin.fetchTopicOffsets(topic),
      this.host.admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const committed = new Map<number, bigint>();
    for (const p of groups.find((g) => g.topic === topic)?.partitions ?? [])
      committed.set(p.partition, BigInt(p.offset));
    let lag = 0n;
    for (const end of ends) {
      const high = BigInt(end.high);
      const c = committed.get(end.partition) ?? -1n;
      const from = c >= 0n ? c : fromBeginning ? BigInt(end.low) : high;
      if (high > from) lag += high - from;
    }
    return Number(lag);
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    try {
      await this.client.disconnect();
    } finally {
      this.host.stopped(this);
    }
  }

  /** A (re)assignment: forget the previous generation and ask `resumeFrom` for every new partition. */
  private onAssignment(partitions: number[]): void {
    this.generation++;
    this.resumed.clear();
    this.targets = new Map();
    const { resumeFrom, topic } = this.settings;
    if (!resumeFrom) return;
    for (const p of partitions) {
      const target = (async () => {
        const answer = await this.resumeThroughOutage(resumeFrom, p);
        return answer === null ? null : parseResumeOffset(answer, topic, p);
      })();
      target.catch(() => undefined);
      this.targets.set(p, target);
      target.then(
        (offset) => {
          if (offset !== null && this.targets.get(p) === target && !this.resumed.has(p) && !this.stopping) {
            this.client.seek({ topic, partition: p, offset: offset.toString() });
          }
        },
        (err) => {
          if (!this.stopping) this.fail(asFatal(err, topic, p));
        },
      );
    }
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    let messages = batch.messages;
    if (this.stopping || messages.length === 0) return;

    if (this.settings.resumeFrom && !this.resumed.has(partition)) {
      const generation = this.generation;
      let target: bigint | null;
      try {
        const known = this.targets.get(partition);
        // heartbeats go on while the store answers (a slow database must not cost the session)
        target = await this.withHeartbeats(
          heartbeat,
          { lost: false },
          known ??
            this.resumeThroughOutage(this.settings.resumeFrom, partition).then((a) =>
              a === null ? null : parseResumeOffset(a, topic, partition),
            ),
        );
      } catch (err) {
        if (!this.stopping) this.fail(asFatal(err, topic, partition));
        return;
      }
      if (generation !== this.generation || this.stopping) return;
      this.resumed.add(partition);
      if (target !== null) {
        const first = BigInt(messages[0]!.offset);
        const last = BigInt(messages[messages.length - 1]!.offset);
        if (target < first || target > last + 1n) {
          this.client.seek({ topic, partition, offset: target.toString() });
          return;
        }
        messages = messages.filter((m) => BigInt(m.offset) >= target);
        if (messages.length === 0) {
          resolveOffset(last.toString());
          await commitOffsetsIfNecessary({
            topics: [{ topic, partitions: [{ partition, offset: target.toString() }] }],
          });
          return;
        }
      }
    }

    const { maxBatchSize } = this.settings;
    const session = { lost: false };
    for (let i = 0; i < messages.length; i += maxBatchSize) {
      // after a failed heartbeat (usually a rebalance) the rest of the fetch is left for kafkajs to refetch
      if (this.stopping || session.lost || !isRunning() || isStale()) return;
      const chunk = messages.slice(i, i + maxBatchSize).map((m) => toBusMessage(topic, partition, m));
      const outcome = await this.withHeartbeats(
        heartbeat,
        session,
        handleBatch({ topic, partition, messages: chunk }, this.settings, this.publish, this.abort.signal),
      );
      if (outcome.kind === 'stopped') return;
      if (outcome.kind === 'failed') {
        this.fail(outcome.error);
        return;
      }
      const last = chunk[chunk.length - 1]!.offset;
      resolveOffset(last);
      const next = (BigInt(last) + 1n).toString();
      await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next }] }] });
      this.settings.onBatchDone?.(outcome.stats);
    }
  }

  /**
   * Keeps the group session alive while `work` runs (long handlers, retry backoff). A failed heartbeat
   * (usually a rebalance) sets `session.lost`: the running batch still finishes and is committed.
   */
  private async withHeartbeats<T>(
    heartbeat: () => Promise<void>,
    session: { lost: boolean },
    work: Promise<T>,
  ): Promise<T> {
    const timer = setInterval(() => {
      heartbeat().catch(() => {
        session.lost = true;
      });
    }, this.host.tuning.heartbeatIntervalMs);
    try {
      return await work;
    } finally {
      clearInterval(timer);
    }
  }

  /** `resumeFrom`, asked again while its store is away (see `ConsumeOptions.isOutage`). */
  private resumeThroughOutage(
    resumeFrom: (topic: string, partition: number) => Promise<string | null>,
    partition: number,
  ): Promise<string | null> {
    const { topic } = this.settings;
    return retryThroughOutage(
      () => resumeFrom(topic, partition),
      this.settings,
      { topic, partition },
      this.abort.signal,
    );
  }

  private fail(error: PushpullError): void {
    if (this.failed) return;
    this.failed = true;
    this.stopping = true;
    this.abort.abort();
    setImmediate(() => void this.stop().catch(() => undefined));
    try {
      this.settings.onFatal?.(error);
    } catch {
      // a throwing onFatal must not keep the consumer alive
    }
  }
}

function asFatal(err: unknown, topic: string, partition: number): PushpullError {
  if (err instanceof PushpullError) return err;
  return new PushpullError(
    'BUS_RESUME_FAILED',
    `resumeFrom failed for ${topic}[${partition}]`,
    { topic, partition },
    {
      cause: err,
    },
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Whether kafkajs failed to join because the broker refused the session timeout (outside its
 * `group.min/max.session.timeout.ms`): the error or one of its causes has `INVALID_SESSION_TIMEOUT`.
 *
 * @example isRefusedSession(Object.assign(new Error('x'), { type: 'INVALID_SESSION_TIMEOUT' })) // true
 */
export function isRefusedSession(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    if ((e as { type?: unknown }).type === 'INVALID_SESSION_TIMEOUT') return true;
  }
  return false;
}
