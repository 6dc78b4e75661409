import {
  type ConsumerGroupJoinPayload,
  type Message,
  type MessagesStream,
  Consumer as PfConsumer,
} from '@platformatic/kafka';
import { PushpullError } from '@pushpull/core';
import type { BusMessage, Consumer, OutgoingMessage } from './bus';
import { isBusOutage } from './bus-outage';
import type { ConsumeSettings } from './consume-settings';
import { parseResumeOffset } from './consume-settings';
import { logAssigned, logWaiting } from './consumer-log-lines';
import { consumerStartError } from './consumer-start-error';
import { abortableDelay, handleBatch } from './handle-batch';
import { reasonOf } from './kafka-bus-base';
import type { KafkaConsumerTuning } from './kafka-consumer';
import { kafkaErrorChain, platformaticErrorWith } from './kafka-error-chain';
import type { BusLogSink } from './kafka-log-creator';
import type { PlatformaticConnectionOptions } from './kafka-security';
import { nextOutageWait } from './outage-wait';
import { retryThroughOutage } from './retry-through-outage';

/** What a platformatic consumer needs from its bus. */
export interface PlatformaticConsumerHost {
  /** Client id, brokers, TLS and SASL of every connection. */
  connection: { clientId: string; bootstrapBrokers: string[] } & PlatformaticConnectionOptions;
  tuning: KafkaConsumerTuning;
  /** Largest fetch per partition, in bytes (kafkajs's default, 1 MB, unless set). */
  maxBytesPerPartition: number;
  log: BusLogSink;
  now: () => number;
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  /** Messages of `topic` not yet committed by `groupId` (see `Consumer.lag`). */
  lag(topic: string, groupId: string, fromBeginning: boolean): Promise<number>;
  stopped(consumer: PlatformaticKafkaConsumer): void;
}

/** One assigned partition in one group generation. */
interface PartitionState {
  partition: number;
  generation: number;
  /** Next offset the handler is to see; undefined until the start position is known. */
  position: bigint | undefined;
  /**
   * Whether a message at exactly `position` has arrived since it was set. Until then the client may
   * still deliver records of an earlier fetch position (its own offset refresh after a join, a fetch
   * that was in flight): those are dropped and the fetch position is set again.
   */
  confirmed: boolean;
  queue: Message[];
  running: boolean;
}

/** Records buffered by the bus (over all partitions) before the fetch stream is paused. */
const BUFFERED_HIGH = 8_192;

const EMPTY = Buffer.alloc(0);

function toBusMessage(m: Message): BusMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of m.headers) {
    if (name !== undefined && value !== undefined) headers[name.toString()] = value.toString();
  }
  return {
    topic: m.topic,
    partition: m.partition,
    offset: m.offset.toString(),
    key: m.key && m.key.length > 0 ? m.key.toString('utf8') : null,
    value: m.value ?? EMPTY,
    headers,
  };
}

/**
 * One consumer-group member on Kafka through @platformatic/kafka (a `MessagesStream`, manual commits).
 * The same semantics as `KafkaBusConsumer`: batches of up to `maxBatchSize` records of one partition go
 * to the handler, one batch per partition at a time and at most `maxInFlight` at once; a batch's offset is
 * committed only after its results are applied (dead letters published); a handler that throws is
 * retried (see `handleBatch`); `resumeFrom` is asked on every assignment and the partition is moved there.
 *
 * The client rejoins its group by itself (heartbeats run on their own timer, so long batches keep the
 * session). On each join the bus works out every assigned partition's start (`resumeFrom`, else the
 * group's committed offset, else the earliest or latest offset) and hands the handler only records from
 * there on, in offset order, none twice in a generation. A fetch that fails because the cluster is away
 * (`isBusOutage`) restarts the member after a wait, like kafkajs's restart on a retriable crash.
 *
 * Use {@link PlatformaticKafkaBus.consume}; this class is not constructed directly.
 */
export class PlatformaticKafkaConsumer implements Consumer {
  private client: PfConsumer | undefined;
  private stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined;
  private readonly abort = new AbortController();
  private partitions = new Map<number, PartitionState>();
  private generation = 0;
  private inFlight = 0;
  private buffered = 0;
  private scheduled = false;
  /** Between the broker's "rebalance in progress" and the next join. */
  private rebalancing = false;
  private readonly running = new Set<Promise<void>>();
  private stopping = false;
  private failed = false;
  private stopPromise: Promise<void> | undefined;
  private restarts = 0;

  constructor(
    private readonly host: PlatformaticConsumerHost,
    private readonly settings: ConsumeSettings,
  ) {}

  /** Joins the group and starts fetching; resolves once the member has its assignment. */
  async start(): Promise<void> {
    try {
      await this.open();
    } catch (err) {
      await this.closeClient();
      throw consumerStartError(this.settings, err, {
        refusedSession: platformaticErrorWith(err, 'apiId', 'INVALID_SESSION_TIMEOUT'),
        sessionTimeoutMs: this.host.tuning.sessionTimeoutMs,
      });
    }
  }

  stop(): Promise<void> {
    this.stopPromise ??= this.shutdown();
    return this.stopPromise;
  }

  lag(): Promise<number> {
    const { topic, groupId, fromBeginning } = this.settings;
    return this.host.lag(topic, groupId, fromBeginning);
  }

  /** A new client and stream (at start, and after an outage ended the previous ones). */
  private async open(): Promise<void> {
    const { topic, groupId, fromBeginning } = this.settings;
    const { tuning } = this.host;
    const client = new PfConsumer({
      ...this.host.connection,
      groupId,
      sessionTimeout: tuning.sessionTimeoutMs,
      rebalanceTimeout: tuning.rebalanceTimeoutMs,
      heartbeatInterval: tuning.heartbeatIntervalMs,
      maxWaitTime: tuning.maxWaitTimeMs,
      maxBytesPerPartition: this.host.maxBytesPerPartition,
      maxBytes: 10 * 1_048_576,
      autocommit: false,
      autocreateTopics: false,
      highWaterMark: 4_096,
    });
    this.client = client;
    let waitingSince = this.host.now();
    logWaiting(this.host.log, this.settings, 'joining', this.host.tuning.sessionTimeoutMs);
    client.on('consumer:group:rebalance', () => {
      if (this.stopping || this.client !== client) return;
      // no new batches until the join: running ones still finish and commit (the broker accepts commits
      // of the old generation until every member has rejoined)
      this.rebalancing = true;
      waitingSince = this.host.now();
      logWaiting(this.host.log, this.settings, 'rejoining', this.host.tuning.sessionTimeoutMs);
    });
    client.on('consumer:group:join', (payload: ConsumerGroupJoinPayload) => {
      if (this.stopping || this.client !== client) return;
      const partitions = payload.assignments?.find((a) => a.topic === topic)?.partitions ?? [];
      logAssigned(this.host.log, this.settings, partitions, payload.memberId, this.host.now() - waitingSince);
      this.onAssignment(client, partitions);
    });
    const stream = await client.consume({
      topics: [topic],
      mode: 'committed',
      fallbackMode: fromBeginning ? 'earliest' : 'latest',
      autocommit: false,
    });
    this.stream = stream;
    // positions worked out before the stream existed (the first join) are applied now
    for (const state of this.partitions.values()) if (state.position !== undefined) this.seek(state);
    // the client sets its fetch positions again (from the group's commits) after each join: ours win
    stream.on('offsets', () => {
      for (const state of this.partitions.values()) if (!state.confirmed) this.seek(state);
    });
    stream.on('data', (m: Message) => this.onMessage(m));
    stream.on('error', (err: Error) => this.onStreamError(client, err));
  }

  private async closeClient(): Promise<void> {
    const { client, stream } = this;
    this.stream = undefined;
    this.client = undefined;
    await stream?.close().catch(() => undefined);
    // force: leaves the group even if the client still counts a stream as open
    if (client) await new Promise<void>((resolve) => client.close(true, () => resolve()));
  }

  /** A (re)assignment: a new generation of partition states, each started where it should. */
  private onAssignment(client: PfConsumer, partitions: readonly number[]): void {
    this.generation++;
    this.rebalancing = false;
    const generation = this.generation;
    for (const old of this.partitions.values()) this.buffered -= old.queue.length;
    // their records are dropped: a stream paused on a full buffer would wait for batches that never come
    this.resumeIfRoom();
    this.partitions = new Map(
      partitions.map((partition) => [
        partition,
        { partition, generation, position: undefined, confirmed: false, queue: [], running: false },
      ]),
    );
    if (partitions.length === 0) return;
    void this.startPositions(client, generation, partitions).then(
      (positions) => {
        if (generation !== this.generation || this.stopping) return;
        for (const [partition, position] of positions) {
          const state = this.partitions.get(partition);
          if (!state) continue;
          state.position = position;
          this.seek(state);
        }
      },
      (err: unknown) => {
        if (generation !== this.generation || this.stopping) return;
        if (isBusOutage(err)) this.restart(client, err);
        else this.fail(asFatal(err, this.settings.topic));
      },
    );
  }

  /** Where each partition starts: `resumeFrom`, else the committed offset, else earliest or latest. */
  private async startPositions(
    client: PfConsumer,
    generation: number,
    partitions: readonly number[],
  ): Promise<Map<number, bigint>> {
    const { topic, resumeFrom, fromBeginning } = this.settings;
    const positions = new Map<number, bigint>();
    if (resumeFrom) {
      await Promise.all(
        partitions.map(async (partition) => {
          const answer = await retryThroughOutage(
            () => resumeFrom(topic, partition),
            this.settings,
            { topic, partition },
            this.abort.signal,
          );
          if (answer !== null) positions.set(partition, parseResumeOffset(answer, topic, partition));
        }),
      );
    }
    if (generation !== this.generation) return positions;
    const rest = partitions.filter((p) => !positions.has(p));
    const committed =
      rest.length === 0
        ? undefined
        : (await client.listCommittedOffsets({ topics: [{ topic, partitions: rest }] })).get(topic);
    const [earliest, latest] = await Promise.all(
      [-2n, -1n].map(async (timestamp) =>
        (await client.listOffsets({ topics: [topic], timestamp })).get(topic),
      ),
    );
    for (const partition of rest) {
      const offset = committed?.[partition] ?? -1n;
      if (offset >= 0n) positions.set(partition, offset);
    }
    // no position yet, or one the log no longer holds (retention deleted it, or the topic was
    // recreated): start where a new group would, as kafkajs does on OFFSET_OUT_OF_RANGE
    for (const partition of partitions) {
      const first = earliest?.[partition] ?? 0n;
      const end = latest?.[partition] ?? first;
      const position = positions.get(partition);
      if (position !== undefined && position >= first && position <= end) continue;
      const start = fromBeginning ? first : end;
      if (position !== undefined) {
        this.host.log({
          level: 'warn',
          source: 'bus',
          namespace: 'consumer',
          message: `Kafka consumer of ${topic}: offset ${position} of partition ${partition} is no longer in the log (${first}–${end}); starting at ${start}`,
          fields: { groupId: this.settings.groupId, topic, partition },
        });
      }
      positions.set(partition, start);
    }
    return positions;
  }

  /** Moves the client's fetch position of `state`'s partition to `state.position`. */
  private seek(state: PartitionState): void {
    if (state.position === undefined || !this.stream) return;
    state.confirmed = false;
    this.stream.offsetsToFetch.set(`${this.settings.topic}:${state.partition}`, state.position);
  }

  private onMessage(m: Message): void {
    if (this.stopping) return;
    const state = this.partitions.get(m.partition);
    if (!state || state.position === undefined) return;
    if (m.offset < state.position) return; // fetched before the position was set, or fetched twice
    if (m.offset > state.position && !state.confirmed) {
      // a fetch from before the position was set (the client's own refresh after a join): go back
      this.seek(state);
      return;
    }
    state.position = m.offset + 1n;
    state.confirmed = true;
    state.queue.push(m);
    this.buffered++;
    if (this.buffered >= BUFFERED_HIGH && this.stream && !this.stream.isPaused()) this.stream.pause();
    this.schedule();
  }

  /** Starts batches on the next turn of the event loop, once a whole fetch has been queued. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.stopping || this.rebalancing) return;
    for (const state of this.partitions.values()) {
      if (this.inFlight >= this.settings.maxInFlight) break;
      if (state.running || state.queue.length === 0) continue;
      const chunk = state.queue.splice(0, this.settings.maxBatchSize);
      this.buffered -= chunk.length;
      state.running = true;
      this.inFlight++;
      const run = this.runBatch(state, chunk).finally(() => {
        state.running = false;
        this.inFlight--;
        this.running.delete(run);
        this.resumeIfRoom();
        this.dispatch();
      });
      this.running.add(run);
    }
    // the partitions that got a batch go to the back, so that no partition waits behind the others
    if (this.partitions.size > 1) {
      const busy = [...this.partitions].filter(([, s]) => s.running);
      for (const [p, s] of busy) {
        this.partitions.delete(p);
        this.partitions.set(p, s);
      }
    }
  }

  /** Fetches again once the bus's buffer has drained to half (paused at {@link BUFFERED_HIGH}). */
  private resumeIfRoom(): void {
    if (this.buffered < BUFFERED_HIGH / 2 && this.stream?.isPaused() && !this.stopping) this.stream.resume();
  }

  private async runBatch(state: PartitionState, chunk: Message[]): Promise<void> {
    const { topic } = this.settings;
    const messages = chunk.map(toBusMessage);
    const outcome = await handleBatch(
      { topic, partition: state.partition, messages },
      this.settings,
      this.host.publish,
      this.abort.signal,
    );
    if (outcome.kind === 'stopped') return;
    if (outcome.kind === 'failed') {
      this.fail(outcome.error);
      return;
    }
    const last = chunk[chunk.length - 1]!;
    await this.commit(state, last);
    this.settings.onBatchDone?.(outcome.stats);
  }

  /**
   * Commits the offset after `last`. A partition that moved to another generation meanwhile is not
   * committed (its new owner reads it again from the last commit); a cluster outage is waited out.
   */
  private async commit(state: PartitionState, last: Message): Promise<void> {
    let wait = 0;
    for (;;) {
      if (state.generation !== this.generation && !this.stopping) return;
      try {
        await last.commit();
        return;
      } catch (err) {
        if (state.generation !== this.generation) return;
        // the broker said this member must rejoin its group (a rebalance moved on without it)
        if (platformaticErrorWith(err, 'needsRejoin', true)) return;
        if (!isBusOutage(err)) {
          this.fail(asFatal(err, this.settings.topic, 'BUS_COMMIT_FAILED'));
          return;
        }
        wait = nextOutageWait(wait, this.settings);
        if (!(await abortableDelay(wait, this.abort.signal))) return;
      }
    }
  }

  /**
   * The stream failed: an outage restarts the member after a wait, and so does a fetch past the log's
   * ends (retention deleted records not yet read; the restart starts such a partition afresh, see
   * `startPositions`); anything else stops it.
   */
  private onStreamError(client: PfConsumer, err: Error): void {
    if (this.stopping || this.client !== client) return;
    if (isBusOutage(err) || isOffsetOutOfRange(err)) this.restart(client, err);
    else this.fail(asFatal(err, this.settings.topic, 'BUS_CONSUMER_FAILED'));
  }

  private restart(client: PfConsumer, cause: unknown): void {
    if (this.client !== client || this.stopping) return;
    this.restarts++;
    const wait = Math.min(this.settings.outageRetryMs, 200 * 2 ** Math.min(this.restarts, 4));
    this.host.log({
      level: 'warn',
      source: 'bus',
      namespace: 'consumer',
      message: `Kafka consumer of ${this.settings.topic} ${isOffsetOutOfRange(cause) ? 'read past the log' : 'lost the cluster'} (${reasonOf(cause)}); restarting in ${wait} ms`,
      fields: { groupId: this.settings.groupId, topic: this.settings.topic, waitMs: wait },
    });
    this.generation++;
    this.partitions = new Map();
    this.buffered = 0;
    void (async () => {
      await this.closeClient();
      if (!(await abortableDelay(wait, this.abort.signal))) return;
      try {
        await this.open();
        this.restarts = 0;
      } catch (err) {
        const current = this.client;
        if (current && isBusOutage(err)) this.restart(current, err);
        else if (!this.stopping) this.fail(asFatal(err, this.settings.topic, 'BUS_CONSUMER_FAILED'));
      }
    })();
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    this.stream?.pause();
    this.abort.abort();
    try {
      await Promise.allSettled([...this.running]);
      await this.closeClient();
    } finally {
      this.host.stopped(this);
    }
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

function asFatal(err: unknown, topic: string, code = 'BUS_RESUME_FAILED'): PushpullError {
  if (err instanceof PushpullError) return err;
  return new PushpullError(
    code,
    `Kafka consumer of ${topic} failed: ${reasonOf(err)}`,
    { topic },
    {
      cause: err,
    },
  );
}

/** Whether a client error is the broker's OFFSET_OUT_OF_RANGE (a fetch outside the records it keeps). */
function isOffsetOutOfRange(err: unknown): boolean {
  for (const e of kafkaErrorChain(err)) {
    if ((e as { apiId?: unknown }).apiId === 'OFFSET_OUT_OF_RANGE') return true;
  }
  return false;
}
