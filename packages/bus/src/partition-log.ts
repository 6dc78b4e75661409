import type { BusMessage, OutgoingMessage } from './bus';

/** Compact the backing array once this many discarded records sit at its front (and they are half of it). */
const COMPACT_AFTER = 4096;

/**
 * One partition of an embedded topic: an append-only log of consumed-shape messages addressed by
 * offset. Appends and reads are O(1) per message (a read slices one array per batch); records before
 * {@link discardBefore} are released in amortised O(1).
 *
 * @example
 * const log = new PartitionLog('raw', 0);
 * log.append({ key: 'k', value: Buffer.from('v') });
 * log.read(0, 500)[0]?.offset === '0';
 */
export class PartitionLog {
  private records: BusMessage[] = [];
  /** Index in `records` of the first retained record. */
  private head = 0;
  /** Offset of `records[0]`. */
  private base = 0;

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  /** Offset of the oldest retained message (Kafka's log start offset). */
  get startOffset(): number {
    return this.base + this.head;
  }

  /** Offset the next appended message gets (Kafka's high watermark). */
  get endOffset(): number {
    return this.base + this.records.length;
  }

  /** Appends one message; its headers are copied, its value bytes are kept by reference. */
  append(message: OutgoingMessage): void {
    this.records.push({
      topic: this.topic,
      partition: this.partition,
      offset: String(this.base + this.records.length),
      key: message.key,
      value: message.value,
      headers: message.headers ? { ...message.headers } : {},
    });
  }

  /** Up to `max` messages from offset `from` (clamped to the retained range), in offset order. */
  read(from: number, max: number): BusMessage[] {
    const begin = Math.max(from - this.base, this.head);
    return this.records.slice(begin, Math.min(begin + max, this.records.length));
  }

  /** Releases every message before `offset` (they can no longer be read). */
  discardBefore(offset: number): void {
    const index = Math.min(offset - this.base, this.records.length);
    if (index <= this.head) return;
    this.head = index;
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.records.length) {
      this.records = this.records.slice(this.head);
      this.base += this.head;
      this.head = 0;
    }
  }
}
