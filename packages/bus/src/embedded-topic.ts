import type { PartitionLog } from './partition-log';

/** A member of an embedded consumer group, as the topic and group see it. */
export interface EmbeddedMember {
  /** Something changed that may give this member work (publish, commit, assignment, release). */
  wake(): void;
  /** The group's assignment changed; forget positions of partitions no longer owned. */
  assignmentChanged(): void;
}

/** One consumer group's state on one embedded topic; it outlives its members (restart resumes). */
export interface EmbeddedGroup {
  readonly id: string;
  /** Next offset to read per partition, as committed; -1 = nothing committed yet. */
  readonly committed: number[];
  /** Active members, in join order. */
  readonly members: EmbeddedMember[];
  /** Owner of each partition (undefined when the group has no member). */
  readonly owner: (EmbeddedMember | undefined)[];
  /** A batch of this partition is being processed (by whichever member): nobody else may take it. */
  readonly busy: boolean[];
}

/** An embedded topic: its partitions, consumer groups, and producers waiting for room. */
export interface EmbeddedTopic {
  readonly name: string;
  readonly logs: PartitionLog[];
  readonly groups: Map<string, EmbeddedGroup>;
  /** Round-robin cursor for messages without a key. */
  nextPartition: number;
  /** Producers waiting under backpressure, woken on every commit and member change. */
  roomWaiters: (() => void)[];
  /** Publishes queued behind backpressure (they keep call order). */
  pendingPublishes: number;
  /** Tail of the queue of publishes waiting for room. */
  admission: Promise<void>;
}

/**
 * Gives each partition of `group` to one member (partition p → member p mod n, in join order) and
 * tells every member.
 *
 * @example rebalance(topic, group); // after a member joined or left
 */
export function rebalance(topic: EmbeddedTopic, group: EmbeddedGroup): void {
  const n = group.members.length;
  for (let p = 0; p < topic.logs.length; p++) group.owner[p] = n === 0 ? undefined : group.members[p % n];
  for (const member of group.members) member.assignmentChanged();
  for (const member of group.members) member.wake();
}

/**
 * Messages of `topic` that `group` has not committed yet, summed over partitions. A partition with
 * no commit counts from the log start (`fromBeginning`) or not at all.
 *
 * @example groupLag(topic, group, true) === 0 // everything consumed
 */
export function groupLag(topic: EmbeddedTopic, group: EmbeddedGroup, fromBeginning: boolean): number {
  let lag = 0;
  for (let p = 0; p < topic.logs.length; p++) {
    const log = topic.logs[p]!;
    const committed = group.committed[p] ?? -1;
    const floor =
      committed >= 0 ? Math.max(committed, log.startOffset) : fromBeginning ? log.startOffset : log.endOffset;
    lag += log.endOffset - floor;
  }
  return lag;
}

/**
 * The backlog producers are throttled on: the largest number of uncommitted messages of any group
 * that has active members (0 when no group consumes the topic).
 *
 * @example if (bufferedMessages(topic) >= max) await room;
 */
export function bufferedMessages(topic: EmbeddedTopic): number {
  let worst = 0;
  for (const group of topic.groups.values()) {
    if (group.members.length === 0) continue;
    worst = Math.max(worst, groupLag(topic, group, true));
  }
  return worst;
}

/**
 * The oldest offset of partition `p` that some group of the topic still needs (its committed offset,
 * or 0 when a group has not committed there yet).
 *
 * @example topic.logs[p].discardBefore(lowestCommitted(topic, p));
 */
export function lowestCommitted(topic: EmbeddedTopic, p: number): number {
  let lowest = Number.POSITIVE_INFINITY;
  for (const group of topic.groups.values()) lowest = Math.min(lowest, Math.max(group.committed[p] ?? -1, 0));
  return lowest === Number.POSITIVE_INFINITY ? 0 : lowest;
}
