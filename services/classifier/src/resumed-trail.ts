import type { StoredConversationTrail, StoredTrailState } from '@pushpull/store';

/** Where a batch lies on the raw topic: its partition and the offset of its first message. */
export interface BatchPlace {
  partition: number;
  firstOffset: bigint;
}

/**
 * The state a batch resumes a conversation from, given what the store holds of it: the trail as it was
 * just before the batch's first message, so that every event is labelled as it was (or would have been)
 * without a restart in between.
 *
 * - The stored trail was written by an earlier batch (its last offset lies before this batch): resume
 *   from it. The same when it was written on another partition (the topic was re-partitioned: offsets
 *   cannot be compared).
 * - It was written by this very batch, run before (a retry after the writes but before the offsets were
 *   committed): resume from the state before that run (`before`; none when that run started the trail).
 * - It was written by a batch that overlaps this one otherwise (a partly committed batch): nothing
 *   stored is the state before this batch; the conversation starts afresh (undefined), as it did before
 *   trails were stored.
 *
 * @example resumedTrail(stored, { partition: 0, firstOffset: 120n })?.events
 */
export function resumedTrail(
  stored: StoredConversationTrail,
  batch: BatchPlace,
): StoredTrailState | undefined {
  if (stored.partition !== batch.partition) return stored.trail;
  if (BigInt(stored.lastOffset) < batch.firstOffset) return stored.trail;
  if (BigInt(stored.firstOffset) === batch.firstOffset) return stored.before ?? undefined;
  return undefined;
}
