import { dlqTopic, PushpullError } from '@pushpull/core';
import type { Bus, ConsumeOptions, Consumer, OutgoingMessage } from './bus';
import { resolveConsumeSettings } from './consume-settings';
import { isDlqTopic } from './dlq';
import { EmbeddedConsumer, type EmbeddedHost } from './embedded-consumer';
import type { EmbeddedGroup, EmbeddedTopic } from './embedded-topic';
import { bufferedMessages, lowestCommitted, rebalance } from './embedded-topic';
import { partitionForKey } from './partition-for-key';
import { PartitionLog } from './partition-log';

/** Options of the in-process bus. */
export interface EmbeddedBusOptions {
  /**
   * Backpressure: a publish to a topic waits while some active consumer group of that topic has at
   * least this many uncommitted messages. Default: no limit.
   */
  maxBufferedMessages?: number;
  /**
   * Release messages every consumer group of the topic has committed, so that a long-running process
   * keeps bounded memory. A group that starts later begins at the oldest retained message (like a
   * Kafka group after retention). Default false: keep everything.
   */
  discardCommitted?: boolean;
}

/** Partitions of a topic created implicitly (publish or consume on an unknown topic). */
export const DEFAULT_PARTITIONS = 3;

/**
 * The embedded, in-process {@link Bus}: a partitioned log per topic (same key → same partition, with
 * Kafka's partitioner), consumer groups with committed offsets that survive their members, the same
 * wrapper semantics as the Kafka bus (batches, `ok | drop | dlq`, retries with backoff, `resumeFrom`,
 * bounded in-flight batches), consumers woken on publish, and optional producer backpressure.
 * Nothing is persisted: the log lives as long as the process.
 *
 * @example
 * const bus = new EmbeddedBus();
 * await bus.ensureTopics(['pushpull.activity.raw.v1']);
 * await bus.publish('pushpull.activity.raw.v1', [{ key: 'conv-1', value: Buffer.from('{}') }]);
 * const consumer = await bus.consume({
 *   topic: 'pushpull.activity.raw.v1',
 *   groupId: 'classifier',
 *   handler: async (batch) => batch.messages.map(() => ({ kind: 'ok' })),
 * });
 */
export class EmbeddedBus implements Bus {
  private readonly topics = new Map<string, EmbeddedTopic>();
  private readonly consumers = new Set<EmbeddedConsumer>();
  private readonly listeners = new Map<EmbeddedTopic, Set<EmbeddedConsumer>>();
  private readonly maxBuffered: number | undefined;
  private readonly discardCommitted: boolean;
  private readonly host: EmbeddedHost;
  private closing = false;
  private closed = false;

  constructor(options: EmbeddedBusOptions = {}) {
    const max = options.maxBufferedMessages;
    if (max !== undefined && (!Number.isSafeInteger(max) || max < 1)) {
      throw new PushpullError('BUS_BAD_OPTION', `maxBufferedMessages must be an integer ≥ 1, got ${max}`, {});
    }
    this.maxBuffered = max;
    this.discardCommitted = options.discardCommitted ?? false;
    this.host = {
      publish: (topic, messages) => this.publish(topic, messages),
      committed: (topic, partition) => this.onCommitted(topic, partition),
      left: (topic, group, member) => this.onLeft(topic, group, member),
    };
  }

  async ensureTopics(topics: readonly string[], partitions = DEFAULT_PARTITIONS): Promise<void> {
    this.assertOpen();
    if (!Number.isSafeInteger(partitions) || partitions < 1) {
      throw new PushpullError(
        'BUS_BAD_OPTION',
        `ensureTopics: partitions must be an integer ≥ 1, got ${partitions}`,
        {},
      );
    }
    for (const name of topics) {
      this.topic(name, partitions);
      if (!isDlqTopic(name)) this.topic(dlqTopic(name), partitions);
    }
  }

  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    const t = this.topic(topic);
    if (
      this.maxBuffered === undefined ||
      (t.pendingPublishes === 0 && bufferedMessages(t) < this.maxBuffered)
    ) {
      this.append(t, messages);
      return Promise.resolve();
    }
    t.pendingPublishes++;
    const admitted = t.admission.then(async () => {
      try {
        await this.waitForRoom(t);
        this.append(t, messages);
      } finally {
        t.pendingPublishes--;
      }
    });
    t.admission = admitted.catch(() => undefined);
    return admitted;
  }

  async consume(options: ConsumeOptions): Promise<Consumer> {
    if (this.closing) throw closedError();
    const settings = resolveConsumeSettings(options);
    const topic = this.topic(settings.topic);
    if (!isDlqTopic(settings.topic)) this.topic(dlqTopic(settings.topic), topic.logs.length);
    let group = topic.groups.get(settings.groupId);
    if (!group) {
      const n = topic.logs.length;
      group = {
        id: settings.groupId,
        committed: new Array<number>(n).fill(-1),
        members: [],
        owner: new Array(n).fill(undefined),
        busy: new Array<boolean>(n).fill(false),
      } satisfies EmbeddedGroup;
      topic.groups.set(settings.groupId, group);
    }
    const consumer = new EmbeddedConsumer(this.host, topic, group, settings);
    this.consumers.add(consumer);
    const listeners = this.listeners.get(topic) ?? new Set<EmbeddedConsumer>();
    this.listeners.set(topic, listeners);
    listeners.add(consumer);
    group.members.push(consumer);
    rebalance(topic, group);
    consumer.start();
    return consumer;
  }

  /** Stops every consumer (their last batches may still dead-letter), then refuses publishes. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.all([...this.consumers].map((c) => c.stop()));
    this.closed = true;
    for (const t of this.topics.values()) wakeAll(t);
  }

  /** The topic, created with `partitions` partitions when unknown. */
  private topic(name: string, partitions = DEFAULT_PARTITIONS): EmbeddedTopic {
    let t = this.topics.get(name);
    if (!t) {
      if (!name) throw new PushpullError('BUS_BAD_OPTION', 'topic name is empty', {});
      t = {
        name,
        logs: Array.from({ length: partitions }, (_, p) => new PartitionLog(name, p)),
        groups: new Map(),
        nextPartition: 0,
        roomWaiters: [],
        pendingPublishes: 0,
        admission: Promise.resolve(),
      };
      this.topics.set(name, t);
    }
    return t;
  }

  private append(t: EmbeddedTopic, messages: readonly OutgoingMessage[]): void {
    const n = t.logs.length;
    for (const m of messages) {
      const p = m.key === null ? t.nextPartition++ % n : partitionForKey(m.key, n);
      t.logs[p]!.append(m);
    }
    if (messages.length === 0) return;
    const listeners = this.listeners.get(t);
    if (listeners) for (const c of listeners) c.wake();
  }

  private async waitForRoom(t: EmbeddedTopic): Promise<void> {
    const max = this.maxBuffered ?? Number.POSITIVE_INFINITY;
    while (bufferedMessages(t) >= max) {
      this.assertOpen();
      await new Promise<void>((resolve) => t.roomWaiters.push(resolve));
    }
    this.assertOpen();
  }

  private onCommitted(t: EmbeddedTopic, partition: number): void {
    if (this.discardCommitted) t.logs[partition]!.discardBefore(lowestCommitted(t, partition));
    wakeAll(t);
  }

  private onLeft(t: EmbeddedTopic, group: EmbeddedGroup, member: EmbeddedConsumer): void {
    const i = group.members.indexOf(member);
    if (i >= 0) group.members.splice(i, 1);
    this.consumers.delete(member);
    this.listeners.get(t)?.delete(member);
    rebalance(t, group);
    wakeAll(t);
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }
}

function wakeAll(t: EmbeddedTopic): void {
  if (t.roomWaiters.length === 0) return;
  const waiters = t.roomWaiters;
  t.roomWaiters = [];
  for (const w of waiters) w();
}

function closedError(): PushpullError {
  return new PushpullError('BUS_CLOSED', 'the bus is closed', {});
}
