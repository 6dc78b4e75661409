import type { ActivityEvent, Initiative } from '@pushpull/core';
import type { TextAnalysis } from './analyze-text';
import type { PullRecord } from './conversation-memory';

/** What initiative rules look at. */
export interface InitiativeContext {
  event: ActivityEvent;
  /** `identityKey` of the event's actor. */
  authorKey: string;
  /** `identityKey`s of the event's targets. */
  targetKeys: ReadonlySet<string>;
  /** Earlier pulls of the event's conversation (at or before the event, other events). */
  earlierPulls: readonly PullRecord[];
  text: TextAnalysis;
}

/** A named rule that makes a push responsive when it applies. */
export interface InitiativeRule {
  /** The reason id it reports. */
  id: string;
  applies(context: InitiativeContext): boolean;
}

/**
 * Rules that make a push responsive, in reporting order. A push answers an earlier pull of the same
 * conversation when it replies to that pull's event (`inReplyTo`), or when the puller is one of its
 * targets and the pull addressed its author — or addressed nobody in particular (an open question).
 */
export const INITIATIVE_RULES: readonly InitiativeRule[] = [
  {
    id: 'answers-earlier-pull',
    applies: ({ event, authorKey, targetKeys, earlierPulls }) =>
      earlierPulls.some(
        (p) =>
          p.pullerKey !== authorKey &&
          ((event.inReplyTo != null && event.inReplyTo === p.eventId) ||
            (targetKeys.has(p.pullerKey) && (p.pulledKeys.length === 0 || p.pulledKeys.includes(authorKey)))),
      ),
  },
  { id: 'as-requested', applies: ({ text }) => text.sentences.some((s) => s.asRequested) },
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
