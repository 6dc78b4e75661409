import { PushpullError } from '@pushpull/core';
import type { Message } from 'kafkajs';
import type { OutgoingMessage } from './bus';
import { kafkaErrorChain } from './kafka-error-chain';

interface Pending {
  topic: string;
  messages: readonly OutgoingMessage[];
  /** Index of the first message not yet put in a request. */
  next: number;
  settled: boolean;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Broker answers after which an idempotent producer's sequence numbers no longer match the broker's
 * (seen after a broker restart while requests were in flight): no retry of that producer can succeed.
 */
const PRODUCER_STATE_LOST = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
]);

/**
 * Whether `err` (or an error in its `cause` chain) says the idempotent producer lost its state on the
 * broker, so that only a new producer (a new producer id, sequences from 0) can publish again.
 *
 * @example isProducerStateLost(Object.assign(new Error('…'), { type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' })) // true
 */
export function isProducerStateLost(err: unknown): boolean {
  for (const e of kafkaErrorChain(err)) {
    // kafkajs names the broker's error `type`, @platformatic/kafka `apiId`
    const { type, apiId } = e as { type?: unknown; apiId?: unknown };
    if (typeof type === 'string' && PRODUCER_STATE_LOST.has(type)) return true;
    if (typeof apiId === 'string' && PRODUCER_STATE_LOST.has(apiId)) return true;
  }
  return false;
}

/**
 * The producer a {@link KafkaPublisher} drives: a kafkajs `Producer`, or an adapter of another client
 * that sends one request of `topicMessages` with acknowledgement from every in-sync replica.
 */
export interface PublisherProducer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  sendBatch(batch: { acks: -1; topicMessages: { topic: string; messages: Message[] }[] }): Promise<unknown>;
}

/** Fixed per-record overhead assumed when sizing requests (record framing, offsets, timestamps). */
const RECORD_OVERHEAD = 70;

function recordSize(m: OutgoingMessage): number {
  let size = RECORD_OVERHEAD + m.value.length + (m.key?.length ?? 0);
  if (m.headers) for (const name in m.headers) size += name.length + (m.headers[name]?.length ?? 0) + 4;
  return size;
}

/**
 * Turns `publish` calls into produce requests on one (idempotent) producer (kafkajs, or an adapter): one request at a
 * time, so order is kept; calls that arrive while a request is in flight are coalesced into the next
 * one, grouped by topic; a large call is split so no request exceeds `maxRequestBytes` (Kafka's
 * `message.max.bytes` is 1 MB by default). A call resolves when all its messages are acknowledged by
 * every in-sync replica (`acks: -1`).
 *
 * When the broker says the producer's state is lost ({@link isProducerStateLost}, e.g. "out of order
 * sequence number" after a broker restart), the producer is replaced by a new one from `newProducer` and
 * the request is sent once more: records of that request the broker had already written may then be
 * written twice, which readers absorb (every pushpull consumer is idempotent by event id).
 *
 * @example
 * const publisher = new KafkaPublisher(() => kafka.producer({ idempotent: true }), 900_000);
 * await publisher.connect();
 * await publisher.send('pushpull.activity.raw.v1', messages);
 */
export class KafkaPublisher {
  private readonly queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private producer: PublisherProducer;
  private connecting: Promise<void> | undefined;
  /** How many times the producer was replaced after the broker lost its state. */
  replaced = 0;

  constructor(
    private readonly newProducer: () => PublisherProducer,
    private readonly maxRequestBytes: number,
    private readonly onReplaced: (cause: unknown) => void = () => {},
  ) {
    this.producer = newProducer();
  }

  /** Connects the current producer (once; again after a failed attempt or a replacement). */
  connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((err: unknown) => {
      this.connecting = undefined;
      throw err;
    });
    return this.connecting;
  }

  /** Disconnects the current producer (after {@link drain} when the caller wants queued calls sent). */
  async disconnect(): Promise<void> {
    this.connecting = undefined;
    await this.producer.disconnect();
  }

  send(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, messages, next: 0, settled: false, resolve, reject });
      this.kick();
    });
  }

  /** Resolves once every queued call has been sent (or failed). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = undefined;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const byTopic = new Map<string, Message[]>();
      const involved: Pending[] = [];
      const completed: Pending[] = [];
      let bytes = 0;
      let count = 0;
      while (this.queue.length > 0) {
        const entry = this.queue[0]!;
        const list = byTopic.get(entry.topic) ?? [];
        byTopic.set(entry.topic, list);
        while (entry.next < entry.messages.length) {
          const m = entry.messages[entry.next]!;
          const size = recordSize(m);
          if (count > 0 && bytes + size > this.maxRequestBytes) break;
          list.push(
            m.headers ? { key: m.key, value: m.value, headers: m.headers } : { key: m.key, value: m.value },
          );
          entry.next++;
          bytes += size;
          count++;
        }
        involved.push(entry);
        if (entry.next < entry.messages.length) break;
        this.queue.shift();
        completed.push(entry);
      }
      const topicMessages = [...byTopic]
        .filter(([, list]) => list.length > 0)
        .map(([topic, messages]) => ({ topic, messages }));
      try {
        await this.sendRequest(topicMessages);
        for (const entry of completed) settle(entry);
      } catch (err) {
        const topics = [...byTopic.keys()];
        const error = new PushpullError(
          'BUS_PUBLISH_FAILED',
          `cannot publish to ${topics.join(', ')}: ${err instanceof Error ? err.message : String(err)}`,
          { topics },
          { cause: err },
        );
        for (const entry of involved) settle(entry, error);
        if (this.queue[0]?.settled) this.queue.shift();
      }
    }
  }

  private async sendRequest(topicMessages: { topic: string; messages: Message[] }[]): Promise<void> {
    try {
      await this.connect();
      await this.producer.sendBatch({ acks: -1, topicMessages });
    } catch (err) {
      if (!isProducerStateLost(err)) throw err;
      await this.replaceProducer(err);
      await this.connect();
      await this.producer.sendBatch({ acks: -1, topicMessages });
    }
  }

  private async replaceProducer(cause: unknown): Promise<void> {
    const old = this.producer;
    this.producer = this.newProducer();
    this.connecting = undefined;
    this.replaced++;
    await old.disconnect().catch(() => undefined);
    try {
      this.onReplaced(cause);
    } catch {
      // a listener must not break publishing
    }
  }
}

function settle(entry: Pending, error?: unknown): void {
  if (entry.settled) return;
  entry.settled = true;
  if (error === undefined) entry.resolve();
  else entry.reject(error);
}
