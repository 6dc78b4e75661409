import type { Mode } from '@pushpull/core';
import { actCounts, type TextAnalysis } from './analyze-text';
import type { ModeVerdict } from './mode-verdict';

/** A named rule over a {@link TextAnalysis}. */
export interface TextRule {
  /** The reason id it reports. */
  id: string;
  mode: Mode;
  applies(text: TextAnalysis): boolean;
  confidence(text: TextAnalysis): number;
}

/** Pull confidence: higher when a question also asks for something, lower when it is mostly statements. */
const pullConfidence = (base: number) => (t: TextAnalysis) => {
  const { pull, push } = actCounts(t);
  const both = t.substantive.some((s) => s.request && s.question);
  return base + (both ? 0.05 : 0) - (push >= 3 && push > 2 * pull ? 0.2 : 0);
};

const has = (t: TextAnalysis, act: string) => t.substantive.some((s) => s.act === act);

/** The message opens with scheduling and scheduling outweighs what else it says. */
const logisticsLed = (t: TextAnalysis) => {
  const { push, logistics } = actCounts(t);
  const directives = t.substantive.filter((s) => s.act === 'directive').length;
  return (
    logistics > 0 && ((t.substantive[0]?.act === 'logistics' && logistics >= push + directives) || push === 0)
  );
};

/**
 * The deciding text rules, in priority order: the first that applies sets the mode, and every applying
 * rule of that mode is a reason.
 * - An automatic reply is logistics.
 * - A message that opens with an answer ("Yes, …", "Nope, …") is that answer, even if it asks back.
 * - A real question or request anywhere makes a pull (courtesy lines and asides were set aside);
 *   a polite directive ("Can you fix X by Friday?"), an offer or a suggestion is not one.
 * - A forward is a push.
 * - A message led by scheduling, with little else, is neutral.
 * - Anything that gives (statement, directive, offer, suggestion, approval) is a push.
 * - A tentative or passing question alone is a weak pull; courtesy alone that offers help is a push;
 *   nothing but acknowledgement is neutral, and so is anything no rule recognises.
 */
export const TEXT_RULES: readonly TextRule[] = [
  { id: 'auto-reply', mode: 'neutral', applies: (t) => t.autoReply, confidence: () => 0.9 },
  {
    id: 'answer',
    mode: 'push',
    applies: (t) => t.answerFirst && !has(t, 'request'),
    confidence: () => 0.75,
  },
  {
    id: 'question-sentence',
    mode: 'pull',
    applies: (t) => t.substantive.some((s) => (s.act === 'question' || s.act === 'request') && s.question),
    confidence: pullConfidence(0.8),
  },
  {
    id: 'request-for-information',
    mode: 'pull',
    applies: (t) => has(t, 'request'),
    confidence: pullConfidence(0.8),
  },
  {
    id: 'implicit-question',
    mode: 'pull',
    applies: (t) => t.substantive.some((s) => s.act === 'question' && !s.question),
    confidence: pullConfidence(0.7),
  },
  { id: 'forward', mode: 'push', applies: (t) => t.forward, confidence: () => 0.7 },
  { id: 'scheduling-logistics', mode: 'neutral', applies: logisticsLed, confidence: () => 0.75 },
  {
    id: 'statement',
    mode: 'push',
    applies: (t) => actCounts(t).push > 0,
    confidence: () => 0.7,
  },
  { id: 'tentative-question', mode: 'pull', applies: (t) => has(t, 'weak-question'), confidence: () => 0.55 },
  {
    id: 'offer',
    mode: 'push',
    applies: (t) =>
      t.substantive.length === 0 && t.sentences.some((s) => s.matched.includes('courtesy:offer')),
    confidence: () => 0.6,
  },
  {
    id: 'acknowledgement',
    mode: 'neutral',
    applies: (t) => t.substantive.length === 0,
    confidence: (t) => (t.empty ? 0.5 : 0.85),
  },
];

/** The rule that decides when no other does: nothing to act on. */
const FALLBACK = TEXT_RULES[TEXT_RULES.length - 1]!;

/**
 * Rules that add a reason (and may raise the confidence) once the mode is decided, when they apply
 * and share its mode.
 */
export const TEXT_MODIFIERS: readonly TextRule[] = [
  { id: 'directive', mode: 'push', applies: (t) => has(t, 'directive'), confidence: () => 0.8 },
  { id: 'offer', mode: 'push', applies: (t) => has(t, 'offer'), confidence: () => 0.7 },
  { id: 'suggestion', mode: 'push', applies: (t) => has(t, 'suggestion'), confidence: () => 0.7 },
  { id: 'approval', mode: 'push', applies: (t) => has(t, 'approval'), confidence: () => 0.85 },
  { id: 'courtesy-closer', mode: 'push', applies: (t) => t.courtesyCloser, confidence: () => 0 },
  { id: 'no-text', mode: 'neutral', applies: (t) => t.empty, confidence: () => 0 },
];

/**
 * The text verdict: mode, confidence (the highest of the applying rules of that mode) and reasons,
 * the deciding rule first.
 *
 * @example judgeText(analyzeText({ text: 'Any thoughts on the new on-call rota?' })).mode === 'pull'
 */
export function judgeText(text: TextAnalysis): ModeVerdict {
  const first = TEXT_RULES.find((r) => r.applies(text)) ?? FALLBACK;
  const mode: Mode = first.mode;
  const ids = new Set<string>();
  const rules = [first, ...TEXT_RULES, ...TEXT_MODIFIERS].filter((r) => {
    if (r.mode !== mode || ids.has(r.id) || (r !== first && !r.applies(text))) return false;
    ids.add(r.id);
    return true;
  });
  const confidence = Math.max(0, ...rules.map((r) => r.confidence(text)));
  return {
    mode,
    confidence: Math.round(Math.min(1, confidence) * 100) / 100,
    reasons: rules.map((r) => r.id),
  };
}
