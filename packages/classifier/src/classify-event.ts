import type { ActivityEvent, LabeledEvent } from '@pushpull/core';
import type { OrgChart } from '@pushpull/org';
import { analyzeText } from './analyze-text';
import { buildEdges } from './build-edges';
import { CLASSIFIER_VERSION } from './classifier-version';
import type { ConversationMemory, PullRecord } from './conversation-memory';
import { identityKey } from './identity-key';
import { judgeInitiative } from './initiative-rules';
import { judgeStructure } from './structure-rules';
import { judgeText } from './text-rules';

export interface ClassifyContext {
  org: OrgChart;
  memory: ConversationMemory;
  /** Audience size from which an event is one broadcast edge. Default 10. */
  broadcastThreshold?: number;
}

/** Event types whose `subject` is the thread's title, not the author's words. */
const THREAD_TITLE_TYPES: ReadonlySet<string> = new Set([
  'github.issue_comment.created',
  'github.pull_request_review_comment.created',
  'github.pull_request_review.submitted',
]);

/**
 * Labels one ActivityEvent (CONTRACTS 5) with the 0.1.0 rule set. Deterministic: the same event, org
 * chart and memory contents give the same label.
 *
 * - Mode: a structure rule for the event type when there is one (review request = pull, …), else the
 *   text rules over subject and text (see `TEXT_RULES`).
 * - Initiative (push only): responsive when it answers an earlier pull of the conversation held in
 *   `memory`, or says "as you requested"; proactive otherwise.
 * - Edges: one per target that is not the author, or one broadcast edge (see `buildEdges`).
 * - A pull with a conversation id is remembered (puller = actor, pulled = its other targets).
 *
 * @example
 * const memory = new InMemoryConversationMemory();
 * const label = classifyEvent(event, { org, memory }); // { mode: 'pull', reasons: ['question-sentence'], … }
 */
export function classifyEvent(event: ActivityEvent, context: ClassifyContext): LabeledEvent {
  const { org, memory } = context;
  const actorPersonId = org.resolve(event.actor);
  const actorKey = identityKey(event.actor, org);
  const targetKeys = new Set(event.targets.map((t) => identityKey(t, org)));
  targetKeys.delete(actorKey);

  const text = analyzeText({
    subject: THREAD_TITLE_TYPES.has(event.type) ? null : event.subject,
    text: event.text,
  });
  const verdict = judgeStructure(event.type) ?? judgeText(text);
  const conversationId = event.conversationId ?? null;

  let initiative: LabeledEvent['initiative'] = null;
  let initiativeReasons: string[] = [];
  if (verdict.mode === 'push') {
    const time = Date.parse(event.occurredAt);
    const earlierPulls = conversationId
      ? memory.pullsIn(conversationId).filter((p) => p.eventId !== event.id && Date.parse(p.at) <= time)
      : [];
    const judged = judgeInitiative({ event, authorKey: actorKey, targetKeys, earlierPulls, text });
    initiative = judged.initiative;
    initiativeReasons = judged.reasons;
  }

  if (verdict.mode === 'pull' && conversationId) {
    const pull: PullRecord = {
      conversationId,
      eventId: event.id,
      pullerKey: actorKey,
      pulledKeys: [...targetKeys],
      at: event.occurredAt,
    };
    memory.remember(pull);
  }

  return {
    id: event.id,
    mode: verdict.mode,
    initiative,
    confidence: round(verdict.confidence),
    reasons: [...verdict.reasons, ...initiativeReasons],
    classifierVersion: CLASSIFIER_VERSION,
    actor: { personId: actorPersonId },
    edges: buildEdges(event, {
      org,
      actorPersonId,
      actorKey,
      ...(context.broadcastThreshold !== undefined ? { broadcastThreshold: context.broadcastThreshold } : {}),
    }),
    occurredAt: event.occurredAt,
    source: event.source,
    type: event.type,
    url: event.url ?? null,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
