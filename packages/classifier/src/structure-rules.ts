import type { Mode } from '@pushpull/core';
import type { ModeVerdict } from './mode-verdict';

/** A rule that decides the mode from the event type alone. */
export interface StructureRule {
  /** The reason id it reports. */
  id: string;
  eventType: string;
  mode: Mode;
  confidence: number;
}

/**
 * Event types whose structure says what they are, whatever their text (PRODUCT.md: requesting a review
 * is pull; opening a PR, submitting a review and assigning an issue are push; organising a meeting is
 * logistics).
 */
export const STRUCTURE_RULES: readonly StructureRule[] = [
  { id: 'review-request', eventType: 'github.pull_request.review_requested', mode: 'pull', confidence: 0.95 },
  {
    id: 'review-submitted',
    eventType: 'github.pull_request_review.submitted',
    mode: 'push',
    confidence: 0.95,
  },
  { id: 'pr-opened', eventType: 'github.pull_request.opened', mode: 'push', confidence: 0.95 },
  { id: 'assignment', eventType: 'github.issue.assigned', mode: 'push', confidence: 0.9 },
  { id: 'meeting-logistics', eventType: 'outlook.event.organized', mode: 'neutral', confidence: 0.8 },
];

const BY_TYPE = new Map(STRUCTURE_RULES.map((r) => [r.eventType, r]));

/**
 * The structure verdict for an event type, or null when its text has to be read.
 *
 * @example judgeStructure('github.pull_request.review_requested') // { mode: 'pull', confidence: 0.95, reasons: ['review-request'] }
 */
export function judgeStructure(eventType: string): ModeVerdict | null {
  const rule = BY_TYPE.get(eventType);
  return rule ? { mode: rule.mode, confidence: rule.confidence, reasons: [rule.id] } : null;
}
