import type { Mode } from '@pushpull/core';

/** The most distinct authors a trail keeps; later newcomers are not added (a big channel's trail stays small). */
export const TRAIL_AUTHORS = 16;

/** One event of a conversation as the trail keeps it: who wrote it and what the rules made of it. No text. */
export interface TrailEvent {
  eventId: string;
  /** The author's `identityKey`. */
  authorKey: string;
  /** The rules' mode (the structure rule's, or the text rules' before the learned layer). */
  mode: Mode;
  /** It has a sentence that asks (a question or a request). */
  asked: boolean;
}

/**
 * What a conversation memory keeps of a conversation's course, beside its pulls: how many events it
 * has seen, who opened it, who has spoken (at most {@link TRAIL_AUTHORS}), and the latest event (its
 * id, author, ruled mode and whether it asked, as flat fields). No text. The classifier service keeps
 * it in the store too (`conversation_trail`), so that a restart or a rebalance resumes it.
 */
export interface ConversationTrail {
  readonly events: number;
  readonly openerKey: string;
  readonly authorKeys: readonly string[];
  readonly lastEventId: string;
  readonly lastAuthorKey: string;
  readonly lastMode: Mode;
  readonly lastAsked: boolean;
}

/**
 * A trail as its memory holds it: one object per conversation, changed in place, keeping no object
 * per event (a trail lives long; a new object per event would be promoted and collected as old garbage).
 */
export interface TrailState extends ConversationTrail {
  events: number;
  authorKeys: string[];
  lastEventId: string;
  lastAuthorKey: string;
  lastMode: Mode;
  lastAsked: boolean;
}

/**
 * The trail of a conversation whose first noted event is `event`.
 *
 * @example startTrail({ eventId: 'e1', authorKey: 'p:ana', mode: 'pull', asked: true }).events // 1
 */
export function startTrail(event: TrailEvent): TrailState {
  return {
    events: 1,
    openerKey: event.authorKey,
    authorKeys: [event.authorKey],
    lastEventId: event.eventId,
    lastAuthorKey: event.authorKey,
    lastMode: event.mode,
    lastAsked: event.asked,
  };
}

/**
 * A copy of `trail` that later notes of the original do not change (and the other way round).
 *
 * @example const saved = copyTrail(memory.trailOf('c1')); // kept as it is now
 */
export function copyTrail(trail: ConversationTrail): TrailState {
  return {
    events: trail.events,
    openerKey: trail.openerKey,
    authorKeys: [...trail.authorKeys],
    lastEventId: trail.lastEventId,
    lastAuthorKey: trail.lastAuthorKey,
    lastMode: trail.lastMode,
    lastAsked: trail.lastAsked,
  };
}

/**
 * Notes one more event in `trail`, in place; an event that is already the trail's latest (a retried
 * batch) changes nothing. Returns whether the trail changed.
 *
 * @example const t = startTrail(first); noteInTrail(t, second); t.events // 2
 */
export function noteInTrail(trail: TrailState, event: TrailEvent): boolean {
  if (trail.lastEventId === event.eventId) return false;
  trail.events++;
  // the author's key as the trail already holds it, so that no new string is kept per event
  let author = trail.authorKeys.find((k) => k === event.authorKey);
  if (author === undefined) {
    author = event.authorKey;
    if (trail.authorKeys.length < TRAIL_AUTHORS) trail.authorKeys.push(author);
  }
  trail.lastEventId = event.eventId;
  trail.lastAuthorKey = author;
  trail.lastMode = event.mode;
  trail.lastAsked = event.asked;
  return true;
}
