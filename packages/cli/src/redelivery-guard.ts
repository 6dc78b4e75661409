import type { Batch, HandlerResult } from '@pushpull/bus';

/**
 * Remembers, per partition, the last offset a one-off reader (`pushpull reclassify`) has handled, so
 * that messages Kafka delivers again after a rebalance (a lost session, at-least-once delivery) are
 * not handled twice: the summary counts each event once and the conversation memory sees it once.
 *
 * @example const guard = new RedeliveryGuard(); const fresh = guard.fresh(batch); … guard.handled(batch);
 */
export class RedeliveryGuard {
  private readonly last = new Map<number, bigint>();
  /** Messages delivered again so far. */
  skipped = 0;

  /** The messages of `batch` after the last one handled on its partition (a suffix: offsets ascend). */
  fresh(batch: Batch): Batch {
    const last = this.last.get(batch.partition);
    if (last === undefined) return batch;
    const messages = batch.messages.filter((m) => BigInt(m.offset) > last);
    this.skipped += batch.messages.length - messages.length;
    return { ...batch, messages };
  }

  /** Records that every message of `batch` was handled. */
  handled(batch: Batch): void {
    const lastMessage = batch.messages.at(-1);
    if (!lastMessage) return;
    const offset = BigInt(lastMessage.offset);
    const last = this.last.get(batch.partition);
    if (last === undefined || offset > last) this.last.set(batch.partition, offset);
  }

  /**
   * One result per message of `batch`, given the results of its fresh part: messages delivered again
   * are `ok` (handled the first time).
   */
  results(batch: Batch, fresh: Batch, freshResults: readonly HandlerResult[]): HandlerResult[] {
    const again = batch.messages.length - fresh.messages.length;
    return [...Array.from({ length: again }, () => ({ kind: 'ok' }) as const), ...freshResults];
  }
}
