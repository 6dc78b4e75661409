import { PushpullError } from '@pushpull/core';
import type { Message, Producer } from 'kafkajs';
import type { OutgoingMessage } from './bus';

interface Pending {
  topic: string;
  messages: readonly OutgoingMessage[];
  /** Index of the first message not yet put in a request. */
  next: number;
  settled: boolean;
  resolve(): void;
  reject(err: unknown): void;
}

/** Fixed per-record overhead assumed when sizing requests (record framing, offsets, timestamps). */
const RECORD_OVERHEAD = 70;

function recordSize(m: OutgoingMessage): number {
  let size = RECORD_OVERHEAD + m.value.length + (m.key?.length ?? 0);
  if (m.headers) for (const name in m.headers) size += name.length + (m.headers[name]?.length ?? 0) + 4;
  return size;
}

/**
 * Turns `publish` calls into produce requests on one (idempotent) kafkajs producer: one request at a
 * time, so order is kept; calls that arrive while a request is in flight are coalesced into the next
 * one, grouped by topic; a large call is split so no request exceeds `maxRequestBytes` (Kafka's
 * `message.max.bytes` is 1 MB by default). A call resolves when all its messages are acknowledged by
 * every in-sync replica (`acks: -1`).
 *
 * @example
 * const publisher = new KafkaPublisher(producer, 900_000);
 * await publisher.send('pushpull.activity.raw.v1', messages);
 */
export class KafkaPublisher {
  private readonly queue: Pending[] = [];
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly producer: Producer,
    private readonly maxRequestBytes: number,
  ) {}

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
      try {
        await this.producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic]
            .filter(([, list]) => list.length > 0)
            .map(([topic, messages]) => ({ topic, messages })),
        });
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
}

function settle(entry: Pending, error?: unknown): void {
  if (entry.settled) return;
  entry.settled = true;
  if (error === undefined) entry.resolve();
  else entry.reject(error);
}
