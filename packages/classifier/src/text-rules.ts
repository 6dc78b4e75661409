import type { Mode } from '@pushpull/core';
import type { TextAnalysis } from './analyze-text';
import type { ModeVerdict } from './mode-verdict';

/** A named rule over a {@link TextAnalysis}. */
export interface TextRule {
  /** The reason id it reports. */
  id: string;
  mode: Mode;
  applies(text: TextAnalysis): boolean;
  confidence(text: TextAnalysis): number;
}

const pullSentences = (t: TextAnalysis) => t.substantive.filter((s) => s.question || s.request).length;

/** Pull confidence: higher when a question also asks for something, lower when it is mostly statements. */
const pullConfidence = (base: number) => (t: TextAnalysis) => {
  const pulls = pullSentences(t);
  const statements = t.substantive.length - pulls;
  const both = t.substantive.some((s) => s.question) && t.substantive.some((s) => s.request);
  return base + (both ? 0.05 : 0) - (statements >= 3 && statements > 2 * pulls ? 0.2 : 0);
};

/**
 * The deciding text rules, in priority order: the first that applies sets the mode, and every applying
 * rule of that mode is a reason. An ask anywhere makes a pull (trailing courtesy lines were already set
 * aside); a forward is a push; nothing but acknowledgement is neutral; anything else is a push.
 */
export const TEXT_RULES: readonly TextRule[] = [
  {
    id: 'question-sentence',
    mode: 'pull',
    applies: (t) => t.substantive.some((s) => s.question),
    confidence: pullConfidence(0.8),
  },
  {
    id: 'request-for-information',
    mode: 'pull',
    applies: (t) => t.substantive.some((s) => s.request),
    confidence: pullConfidence(0.8),
  },
  { id: 'forward', mode: 'push', applies: (t) => t.forward, confidence: () => 0.7 },
  {
    id: 'acknowledgement',
    mode: 'neutral',
    applies: (t) => t.substantive.length === 0,
    confidence: (t) => (t.empty ? 0.5 : 0.85),
  },
  { id: 'statement', mode: 'push', applies: (t) => t.substantive.length > 0, confidence: () => 0.7 },
];

/**
 * Rules that add a reason (and may raise the confidence) once the mode is decided, when they apply
 * and share its mode.
 */
export const TEXT_MODIFIERS: readonly TextRule[] = [
  {
    id: 'directive',
    mode: 'push',
    applies: (t) => t.substantive.some((s) => s.directive),
    confidence: () => 0.8,
  },
  { id: 'courtesy-closer', mode: 'push', applies: (t) => t.courtesyCloser, confidence: () => 0 },
  { id: 'no-text', mode: 'neutral', applies: (t) => t.empty, confidence: () => 0 },
];

/**
 * The text verdict: mode, confidence (the highest of the applying rules of that mode) and reasons.
 *
 * @example judgeText(analyzeText({ text: 'Any thoughts on the new on-call rota?' })).mode === 'pull'
 */
export function judgeText(text: TextAnalysis): ModeVerdict {
  const first = TEXT_RULES.find((r) => r.applies(text));
  // The last rule applies to whatever the others do not, so `first` is always found.
  const mode: Mode = first?.mode ?? 'neutral';
  const rules = [...TEXT_RULES, ...TEXT_MODIFIERS].filter((r) => r.mode === mode && r.applies(text));
  const confidence = Math.max(0, ...rules.map((r) => r.confidence(text)));
  return {
    mode,
    confidence: Math.round(Math.min(1, confidence) * 100) / 100,
    reasons: rules.map((r) => r.id),
  };
}
