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
 * has seen, who opened it, who has spoken (at most {@link TRAIL_AUTHORS}), and the latest event. Held
 * in memory only (a restarted service starts each conversation's trail afresh).
 */
export interface ConversationTrail {
  events: number;
  openerKey: string;
  authorKeys: readonly string[];
  last: TrailEvent;
}

/**
 * The trail after one more event; the same trail when that event is already its latest (a retried
 * batch). Never mutates `trail`.
 *
 * @example extendTrail(undefined, { eventId: 'e1', authorKey: 'p:ana', mode: 'pull', asked: true }).events // 1
 */
export function extendTrail(trail: ConversationTrail | undefined, event: TrailEvent): ConversationTrail {
  if (trail === undefined) {
    return { events: 1, openerKey: event.authorKey, authorKeys: [event.authorKey], last: event };
  }
  if (trail.last.eventId === event.eventId) return trail;
  const known = trail.authorKeys.includes(event.authorKey) || trail.authorKeys.length >= TRAIL_AUTHORS;
  return {
    events: trail.events + 1,
    openerKey: trail.openerKey,
    authorKeys: known ? trail.authorKeys : [...trail.authorKeys, event.authorKey],
    last: event,
  };
}
