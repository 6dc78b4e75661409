import type { ActivityEvent, LabeledEvent } from '@pushpull/core';
import type { OrgChart } from '@pushpull/org';
import { analyzeCleanedText, type TextAnalysis } from './analyze-text';
import { buildEdges, DEFAULT_BROADCAST_THRESHOLD } from './build-edges';
import { CLASSIFIER_VERSION } from './classifier-version';
import { cleanText } from './clean-text';
import type { ConversationMemory, PullRecord } from './conversation-memory';
import { identityKey } from './identity-key';
import { answersPull, type InitiativeContext, judgeInitiative } from './initiative-rules';
import type { ModeVerdict } from './mode-verdict';
import { type ClassifierModel, defaultClassifierModel } from './model/classifier-model';
import { lexicalFeatures } from './model/lexical-features';
import { lexicalScoresOfCleaned } from './model/lexical-scores';
import { linearLogits } from './model/linear-weights';
import { ruleFeatures } from './model/rule-features';
import { softmaxOf } from './model/softmax-model';
import { parseTime } from './parse-time';
import { judgeStructure } from './structure-rules';
import { textAnalysisFromFeatures } from './text-features';
import { judgeText } from './text-rules';

export interface ClassifyContext {
  org: OrgChart;
  memory: ConversationMemory;
  /** Audience size from which an event is one broadcast edge. Default 10. */
  broadcastThreshold?: number;
  /**
   * The learned layer; omitted, the committed model (`defaultClassifierModel`); null, the rules alone
   * (as classifier 0.2 labelled, and as `npm run train` collects the rule features).
   */
  model?: ClassifierModel | null;
  /**
   * Called for every text-judged event with what the learned layer weighs: its rule features and its
   * wording features (null in features mode). `npm run train` collects its examples with it.
   */
  trace?: (input: { features: string[]; words: number[] | null }) => void;
}

/** Event types whose `subject` is the thread's title, not the author's words. */
const THREAD_TITLE_TYPES: ReadonlySet<string> = new Set([
  'github.issue_comment.created',
  'github.pull_request_review_comment.created',
  'github.pull_request_review.submitted',
]);

/**
 * Labels one ActivityEvent (docs/contracts.md §2) as a LabeledEvent (§3) with the current rule set (`CLASSIFIER_VERSION`).
 * Deterministic: the same event, org chart and memory contents give the same label.
 *
 * - Mode: a structure rule for the event type when there is one (review request = pull, …), else the
 *   text rules over subject and text (see `TEXT_RULES`); a bare "yes"/"no" that answers a question
 *   put to the author is a push.
 * - Initiative (push only): responsive when it answers or fulfils an earlier pull (or directive) of
 *   the conversation held in `memory`, says "as you requested" or opens like an answer; proactive
 *   otherwise (see `INITIATIVE_RULES`). `respondsTo` names the ask it answered, when one fits.
 * - Edges: one per target that is not the author, or one broadcast edge (see `buildEdges`).
 * - A pull, a directive to the reader or an assignment with a conversation id is remembered
 *   (puller = actor, pulled = its other targets, or nobody in particular for a broadcast).
 * - Every event with a conversation id is noted in the conversation's trail when the memory keeps one
 *   (`ConversationTrail`: events seen, opener, authors, the latest event with the rules' mode),
 *   which the learned layer reads as context.
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

  // An event published without its words (PUSHPULL_CONTENT=features) carries them as features.
  const features =
    event.text || event.subject ? null : textAnalysisFromFeatures(event.attributes.textFeatures);
  // The author's own words, cleaned once for the rules and the wording features alike.
  const ownSubject = THREAD_TITLE_TYPES.has(event.type) ? null : (event.subject ?? null);
  const cleaned = features ? '' : cleanText(event.text ?? '');
  const text = features ?? analyzeCleanedText(ownSubject, cleaned);
  const conversationId = event.conversationId ?? null;
  const threshold = context.broadcastThreshold ?? DEFAULT_BROADCAST_THRESHOLD;
  const broadcast = (event.audience?.size ?? 0) >= threshold || event.targets.length > threshold;
  const time = parseTime(event.occurredAt);
  const earlierPulls = conversationId
    ? memory.pullsIn(conversationId).filter((p) => p.eventId !== event.id && parseTime(p.at) <= time)
    : [];
  const initiativeContext = { event, authorKey: actorKey, targetKeys, earlierPulls, text, broadcast };
  const structure = judgeStructure(event.type);
  let ruled = structure ?? judgeText(text);
  // "Yes!" or "nope" right after a question put to the author is its answer, not an acknowledgement.
  if (
    structure === null &&
    ruled.mode === 'neutral' &&
    text.bareAnswer &&
    earlierPulls.some((p) => p.kind !== 'directive' && answersPull(p, initiativeContext))
  ) {
    ruled = { mode: 'push', confidence: 0.6, reasons: [BARE_ANSWER_REASON] };
  }
  const ruledInitiative = judgeInitiative(initiativeContext);

  // The learned layer weighs the rules' findings and the wording together; event types whose
  // structure decides (a review request, an opened PR…) keep the structure rule's verdict.
  const model = context.model === undefined ? defaultClassifierModel() : context.model;
  let verdict: ModeVerdict = ruled;
  let initiative: LabeledEvent['initiative'] = null;
  let initiativeReasons: string[] = [];
  const weighed = structure === null && (model !== null || context.trace !== undefined);
  const learnedFeatures = !weighed
    ? []
    : ruleFeatures({
        eventType: event.type,
        text,
        verdict: ruled,
        initiative: ruledInitiative,
        earlierPulls: earlierPulls.length,
        ownPulls: earlierPulls.filter((p) => p.pullerKey === actorKey).length,
        latestPullIsOwn: latestPull(earlierPulls)?.pullerKey === actorKey,
        answersEarlierPull: ruledInitiative.reasons.includes('answers-earlier-pull'),
        isReply: event.inReplyTo != null,
        targets: event.targets.length,
        broadcast,
        trail: conversationId ? memory.trailOf?.(conversationId) : undefined,
        authorKey: actorKey,
      });
  if (weighed)
    context.trace?.({
      features: learnedFeatures,
      words: features ? null : lexicalFeatures({ subject: ownSubject, text: event.text }),
    });
  if (structure === null && model !== null) {
    const learned = learnedVerdict(model, {
      features: learnedFeatures,
      lexical:
        text.lexical?.model === model.version
          ? text.lexical
          : features
            ? null
            : lexicalScoresOfCleaned(model, ownSubject, cleaned),
      ruled,
      ruledInitiative,
    });
    verdict = learned.verdict;
    if (verdict.mode === 'push') {
      initiative = learned.initiative;
      initiativeReasons = learned.initiativeReasons;
    }
  } else if (verdict.mode === 'push') {
    initiative = ruledInitiative.initiative;
    initiativeReasons = ruledInitiative.reasons;
  }
  const respondsTo = initiative === 'responsive' ? answeredAsk(earlierPulls, initiativeContext) : null;

  // Pulls, and pushes that ask someone to act (a directive, an assignment), are remembered: a later
  // push that answers or fulfils them is responsive. A broadcast ask is open to everyone.
  const directive = verdict.mode === 'push' && asksToAct(verdict.reasons, text);
  if (conversationId && (verdict.mode === 'pull' || directive)) {
    const pull: PullRecord = {
      conversationId,
      eventId: event.id,
      pullerKey: actorKey,
      pulledKeys: broadcast ? [] : [...targetKeys],
      at: event.occurredAt,
      ...(directive ? { kind: 'directive' as const } : {}),
    };
    memory.remember(pull);
  }

  if (conversationId && memory.noteEvent) {
    memory.noteEvent(conversationId, {
      eventId: event.id,
      authorKey: actorKey,
      mode: ruled.mode,
      asked: text.substantive.some((s) => s.act === 'request' || s.act === 'question'),
    });
  }

  return {
    id: event.id,
    mode: verdict.mode,
    initiative,
    confidence: round(verdict.confidence),
    reasons: [...verdict.reasons, ...initiativeReasons],
    classifierVersion: CLASSIFIER_VERSION,
    ...(respondsTo !== null ? { respondsTo } : {}),
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

/**
 * The event id of the ask a responsive push answers: the one it replies to, else the latest earlier
 * pull of the conversation it answers, else the latest directive it fulfils; null when it is responsive for another reason
 * ("as you requested", an answer opening) and no remembered ask fits.
 */
function answeredAsk(earlier: readonly PullRecord[], context: InitiativeContext): string | null {
  let pull: PullRecord | null = null;
  let directive: PullRecord | null = null;
  const later = (a: PullRecord, b: PullRecord | null) => b === null || parseTime(a.at) >= parseTime(b.at);
  for (const p of earlier) {
    if (!answersPull(p, context)) continue;
    if (context.event.inReplyTo != null && p.eventId === context.event.inReplyTo) return p.eventId;
    if (p.kind === 'directive') {
      if (later(p, directive)) directive = p;
    } else if (later(p, pull)) pull = p;
  }
  return (pull ?? directive)?.eventId ?? null;
}

/** The reason id of a bare "yes"/"no" that answers a question put to its author. */
export const BARE_ANSWER_REASON = 'yes-no-answer';

/** A push that asks its targets to act: an assignment, a directive to the reader, a suggestion. */
function asksToAct(reasons: readonly string[], text: TextAnalysis): boolean {
  return (
    reasons[0] === 'assignment' || text.substantive.some((s) => s.strongDirective || s.act === 'suggestion')
  );
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Reason ids of the learned layer when it decides otherwise than the rules. */
export const MODEL_REASONS = {
  push: 'model-push',
  pull: 'model-pull',
  neutral: 'model-neutral',
  responsive: 'model-responsive',
  proactive: 'model-proactive',
} as const;

interface LearnedInput {
  features: string[];
  lexical: { mode: readonly number[]; initiative: readonly number[] } | null;
  ruled: ModeVerdict;
  ruledInitiative: { initiative: 'responsive' | 'proactive'; reasons: string[] };
}

/**
 * The learned layer's verdict: the most probable mode (its calibrated probability is the confidence)
 * and, for a push, the more probable initiative. Where it agrees with the rules, the rules' reasons
 * explain it; where it does not, a `model-…` reason comes first, then the rules that weighed most
 * towards its answer.
 */
function learnedVerdict(
  model: ClassifierModel,
  input: LearnedInput,
): { verdict: ModeVerdict; initiative: 'responsive' | 'proactive'; initiativeReasons: string[] } {
  // Both models' logits in one pass over the features: the joint table scored by the function each
  // SoftmaxModel scores with (linearLogits), so columns 0-2 are model.mode.logits(…) and 3-4
  // model.initiative.logits(…), to the last bit.
  const lexical = input.lexical;
  const logits = linearLogits(
    model.joint,
    input.features,
    lexical === null ? null : [...lexical.mode, ...lexical.initiative],
  );
  const modes = model.mode.classes.length;
  const p = softmaxOf(logits, 0, modes, model.mode.temperature);
  const k = argmax(p);
  const mode = model.mode.classes[k] as ModeVerdict['mode'];
  const reasons =
    mode === input.ruled.mode
      ? input.ruled.reasons
      : [MODEL_REASONS[mode], ...ruleIds(model.mode.strongestFor(input.features, k, 3), 'r:')];
  const q = softmaxOf(logits, modes, logits.length, model.initiative.temperature);
  const j = argmax(q);
  const initiative = model.initiative.classes[j] as 'responsive' | 'proactive';
  const initiativeReasons =
    initiative === input.ruledInitiative.initiative
      ? input.ruledInitiative.reasons
      : [MODEL_REASONS[initiative], ...ruleIds(model.initiative.strongestFor(input.features, j, 3), 'ir:')];
  return { verdict: { mode, confidence: p[k] as number, reasons }, initiative, initiativeReasons };
}

function ruleIds(features: readonly string[], prefix: string): string[] {
  return features.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
}

function latestPull(pulls: readonly PullRecord[]): PullRecord | undefined {
  let latest: PullRecord | undefined;
  for (const p of pulls) if (!latest || parseTime(p.at) >= parseTime(latest.at)) latest = p;
  return latest;
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}
