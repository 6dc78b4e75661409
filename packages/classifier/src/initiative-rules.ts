import type { ActivityEvent, Initiative } from '@pushpull/core';
import type { TextAnalysis } from './analyze-text';
import type { PullRecord } from './conversation-memory';
import { parseTime } from './parse-time';

/** What initiative rules look at. */
export interface InitiativeContext {
  event: ActivityEvent;
  /** `identityKey` of the event's actor. */
  authorKey: string;
  /** `identityKey`s of the event's targets. */
  targetKeys: ReadonlySet<string>;
  /** Earlier pulls (and directives) of the event's conversation (at or before the event, other events). */
  earlierPulls: readonly PullRecord[];
  text: TextAnalysis;
  /** The event is one broadcast to a big audience. */
  broadcast?: boolean;
}

/** A named rule that makes a push responsive when it applies. */
export interface InitiativeRule {
  /** The reason id it reports. */
  id: string;
  applies(context: InitiativeContext): boolean;
}

/**
 * How long an open question stays open for an answer that names nobody (a reply in a channel or
 * an issue without a mention).
 */
export const OPEN_QUESTION_WINDOW_MS = 7 * 24 * 3600 * 1000;

/**
 * Whether the earlier pull (or directive) `p` solicited the author of the event in `c`, so that the
 * event answers or fulfils it.
 *
 * @example answersPull(pull, { event, authorKey, targetKeys, earlierPulls: [pull], text })
 */
export function answersPull(p: PullRecord, c: InitiativeContext): boolean {
  if (p.pullerKey === c.authorKey) return false;
  if (c.event.inReplyTo != null && c.event.inReplyTo === p.eventId) return true;
  const addressed = p.pulledKeys.length === 0 || p.pulledKeys.includes(c.authorKey);
  if (!addressed) return false;
  if (c.targetKeys.has(p.pullerKey)) return true;
  // A reply that names nobody, in a thread, an issue or a small channel, answers the open question.
  return (
    c.targetKeys.size === 0 &&
    c.broadcast !== true &&
    parseTime(c.event.occurredAt) - parseTime(p.at) <= OPEN_QUESTION_WINDOW_MS
  );
}

/**
 * Rules that make a push responsive, in reporting order:
 * - `answers-earlier-pull`: it answers or fulfils an earlier pull (or directive) of the same
 *   conversation: it replies to that event (`inReplyTo`), or the asker is one of its targets and the
 *   ask addressed its author or nobody in particular, or it names nobody and follows an open ask of
 *   the last week;
 * - `as-requested`: it says so ("as you requested");
 * - `answer-opening`: it opens like an answer ("Yes, …", "Nope, …") inside a conversation;
 * - `hands-over`: it hands something over ("Here you go").
 */
export const INITIATIVE_RULES: readonly InitiativeRule[] = [
  { id: 'answers-earlier-pull', applies: (c) => c.earlierPulls.some((p) => answersPull(p, c)) },
  { id: 'as-requested', applies: ({ text }) => text.sentences.some((s) => s.asRequested) },
  {
    id: 'answer-opening',
    applies: ({ event, text }) => event.conversationId != null && text.answerFirst,
  },
  { id: 'hands-over', applies: ({ text }) => text.substantive[0]?.handsOver === true },
];

/** The reason id of a push that no rule found responsive. */
export const PROACTIVE_REASON = 'no-earlier-pull';

/**
 * The initiative of a push: responsive with the ids of the applying rules, or proactive.
 *
 * @example judgeInitiative(context) // { initiative: 'responsive', reasons: ['answers-earlier-pull'] }
 */
export function judgeInitiative(context: InitiativeContext): { initiative: Initiative; reasons: string[] } {
  const reasons = INITIATIVE_RULES.filter((r) => r.applies(context)).map((r) => r.id);
  return reasons.length > 0
    ? { initiative: 'responsive', reasons }
    : { initiative: 'proactive', reasons: [PROACTIVE_REASON] };
}
