import { PushpullError } from '@pushpull/core';
import type { Consumer, OutgoingMessage } from './bus';
import type { ConsumeSettings } from './consume-settings';
import { parseResumeOffset } from './consume-settings';
import type { EmbeddedGroup, EmbeddedMember, EmbeddedTopic } from './embedded-topic';
import { groupLag } from './embedded-topic';
import { handleBatch } from './handle-batch';
import { retryThroughOutage } from './retry-through-outage';

/** What an embedded consumer needs from its bus. */
export interface EmbeddedHost {
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  /** A partition's committed offset moved (backpressure, retention). */
  committed(topic: EmbeddedTopic, partition: number): void;
  /** The member left its group (stopped or failed). */
  left(topic: EmbeddedTopic, group: EmbeddedGroup, member: EmbeddedConsumer): void;
}

/**
 * One member of an embedded consumer group. It is woken (never polls) when there may be work, takes
 * up to `maxInFlight` partitions it owns that have unread messages, hands each a batch of up to
 * `maxBatchSize`, and commits after the results are applied. One batch per partition at a time, so
 * commits of a partition are always in order.
 *
 * Use {@link EmbeddedBus.consume}; this class is not constructed directly.
 */
export class EmbeddedConsumer implements Consumer, EmbeddedMember {
  /** Next offset to read for each owned partition whose start position is known. */
  private readonly positions = new Map<number, number>();
  private readonly abort = new AbortController();
  private inFlight = 0;
  private cursor = 0;
  private stopping = false;
  private failed = false;
  private signalled = false;
  private sleeper: (() => void) | undefined;
  private finished: Promise<void> | undefined;
  private readonly publish: (topic: string, messages: readonly OutgoingMessage[]) => Promise<void>;

  constructor(
    private readonly host: EmbeddedHost,
    private readonly topic: EmbeddedTopic,
    private readonly group: EmbeddedGroup,
    private readonly settings: ConsumeSettings,
  ) {
    this.publish = (t, m) => host.publish(t, m);
  }

  /** Starts the fetch loop (the member must already be in the group). */
  start(): void {
    this.finished = this.run().finally(() => this.host.left(this.topic, this.group, this));
  }

  wake(): void {
    this.signalled = true;
    const sleeper = this.sleeper;
    if (sleeper) {
      this.sleeper = undefined;
      sleeper();
    }
  }

  assignmentChanged(): void {
    for (const p of this.positions.keys()) if (this.group.owner[p] !== this) this.positions.delete(p);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    this.wake();
    await this.finished;
  }

  async lag(): Promise<number> {
    return groupLag(this.topic, this.group, this.settings.fromBeginning);
  }

  private async run(): Promise<void> {
    const tasks = new Set<Promise<void>>();
    while (!this.stopping) {
      this.signalled = false;
      while (this.inFlight < this.settings.maxInFlight) {
        const p = this.pick();
        if (p === undefined) break;
        this.inFlight++;
        const task: Promise<void> = this.work(p).finally(() => {
          this.inFlight--;
          tasks.delete(task);
          this.wake();
        });
        tasks.add(task);
      }
      if (!this.signalled && !this.stopping) await new Promise<void>((resolve) => (this.sleeper = resolve));
    }
    await Promise.all(tasks);
  }

  /** An owned, idle partition with something to do (unread messages, or a start position to find). */
  private pick(): number | undefined {
    const n = this.topic.logs.length;
    for (let i = 0; i < n; i++) {
      const p = (this.cursor + i) % n;
      if (this.group.owner[p] !== this || this.group.busy[p]) continue;
      const position = this.positions.get(p);
      if (position !== undefined && position >= this.topic.logs[p]!.endOffset) continue;
      this.group.busy[p] = true;
      this.cursor = p + 1;
      return p;
    }
    return undefined;
  }

  private async work(p: number): Promise<void> {
    try {
      let position = this.positions.get(p);
      if (position === undefined) {
        position = await this.startPosition(p);
        if (this.group.owner[p] !== this) return;
        this.positions.set(p, position);
      }
      const log = this.topic.logs[p]!;
      const messages = log.read(position, this.settings.maxBatchSize);
      if (messages.length === 0 || this.stopping) return;
      const batch = { topic: this.topic.name, partition: p, messages };
      const outcome = await handleBatch(batch, this.settings, this.publish, this.abort.signal);
      if (outcome.kind === 'stopped') return;
      if (outcome.kind === 'failed') {
        this.fail(outcome.error);
        return;
      }
      const next = Number(messages[messages.length - 1]!.offset) + 1;
      this.group.committed[p] = next;
      if (this.group.owner[p] === this) this.positions.set(p, next);
      this.host.committed(this.topic, p);
      this.settings.onBatchDone?.(outcome.stats);
    } catch (err) {
      this.fail(
        err instanceof PushpullError
          ? err
          : new PushpullError(
              'BUS_CONSUMER_FAILED',
              `consumer of ${this.topic.name}[${p}] failed`,
              {},
              { cause: err },
            ),
      );
    } finally {
      this.group.busy[p] = false;
      for (const member of this.group.members) if (member !== this) member.wake();
    }
  }

  /** Where a newly owned partition starts: `resumeFrom`, else the committed offset, else start or end. */
  private async startPosition(p: number): Promise<number> {
    const log = this.topic.logs[p]!;
    const { resumeFrom } = this.settings;
    const where = { topic: this.topic.name, partition: p };
    const resumed = resumeFrom
      ? await retryThroughOutage(() => resumeFrom(where.topic, p), this.settings, where, this.abort.signal)
      : null;
    if (resumed !== null) {
      const offset = Number(parseResumeOffset(resumed, this.topic.name, p));
      return Math.min(Math.max(offset, log.startOffset), log.endOffset);
    }
    const committed = this.group.committed[p] ?? -1;
    if (committed >= 0) return Math.max(committed, log.startOffset);
    const start = this.settings.fromBeginning ? log.startOffset : log.endOffset;
    this.group.committed[p] = start;
    return start;
  }

  private fail(error: PushpullError): void {
    if (this.failed) return;
    this.failed = true;
    this.stopping = true;
    this.abort.abort();
    this.wake();
    try {
      this.settings.onFatal?.(error);
    } catch {
      // a throwing onFatal must not take the bus down with it
    }
  }
}
