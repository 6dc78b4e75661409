import { z } from 'zod';
import { analyzeText, type TextAnalysis } from './analyze-text';
import { type ClassifierModel, defaultClassifierModel } from './model/classifier-model';
import { lexicalScores } from './model/lexical-scores';
import type { SentenceAct, SentenceFeatures } from './sentence-features';

const SENTENCE_ACTS = [
  'social',
  'courtesy',
  'logistics',
  'request',
  'question',
  'weak-question',
  'directive',
  'offer',
  'suggestion',
  'approval',
  'statement',
] as const satisfies readonly SentenceAct[];

const SentenceFeaturesSchema = z.object({
  act: z.enum(SENTENCE_ACTS),
  acknowledgement: z.boolean(),
  courtesy: z.boolean(),
  question: z.boolean(),
  request: z.boolean(),
  directive: z.boolean(),
  strongDirective: z.boolean(),
  asRequested: z.boolean(),
  answerOpening: z.boolean(),
  handsOver: z.boolean(),
  /** Ids of the rule patterns that matched (e.g. `send-to-author`), never words of the text. */
  matched: z.array(z.string().regex(/^[\w.:-]+$/, 'a pattern id')),
});

/**
 * What the classifier's text rules need of a message, without its words (ActivityEvent
 * `attributes.textFeatures`, version 1): the TextAnalysis flags and, per sentence, its act and the
 * ids of the patterns it matched. `substantive` lists the indexes of the substantive sentences.
 */
export const TextFeaturesSchema = z.object({
  v: z.literal(1),
  empty: z.boolean(),
  forward: z.boolean(),
  autoReply: z.boolean(),
  /** Added with classifier 0.3; absent in older features (read as false). */
  reply: z.boolean().optional(),
  courtesyCloser: z.boolean(),
  answerFirst: z.boolean(),
  bareAnswer: z.boolean(),
  sentences: z.array(SentenceFeaturesSchema),
  substantive: z.array(z.number().int().nonnegative()),
  /**
   * The wording's scores for the learned layer (numbers only), computed where the text was: without
   * them, or for another model version, the learned layer weighs the rule features alone.
   */
  lexical: z
    .object({
      model: z.string().min(1),
      mode: z.array(z.number()).length(3),
      initiative: z.array(z.number()).length(2),
    })
    .optional(),
});
export type TextFeatures = z.infer<typeof TextFeaturesSchema>;

/**
 * Computes, from a message's subject and text, the compact JSON-serialisable features the classifier
 * judges it on — no words of the text, only flags, sentence acts and pattern ids — so that a
 * connector can classify inside and publish the event without `text` and `subject`
 * (PUSHPULL_CONTENT=features). `classifyEvent` reads them from `attributes.textFeatures` when the
 * event has no text, and gives the same mode and initiative as the text would.
 *
 * @example textFeatures({ subject: 'Budget', text: 'Could you send me the numbers?' }).sentences[0]?.act // 'request'
 */
export function textFeatures(
  input: { subject?: string | null; text?: string | null },
  model: ClassifierModel | null = defaultClassifierModel(),
): TextFeatures {
  const analysis = analyzeText(input);
  return {
    v: 1,
    empty: analysis.empty,
    forward: analysis.forward,
    autoReply: analysis.autoReply,
    reply: analysis.reply,
    courtesyCloser: analysis.courtesyCloser,
    answerFirst: analysis.answerFirst,
    bareAnswer: analysis.bareAnswer,
    sentences: analysis.sentences.map(copySentence),
    substantive: analysis.substantive.map((s) => analysis.sentences.indexOf(s)),
    ...(model ? { lexical: lexicalScores(model, input) } : {}),
  };
}

/**
 * The TextAnalysis of features made by `textFeatures`, or null when `value` is not valid features.
 *
 * @example textAnalysisFromFeatures(event.attributes.textFeatures)?.substantive.length
 */
export function textAnalysisFromFeatures(value: unknown): TextAnalysis | null {
  const parsed = TextFeaturesSchema.safeParse(value);
  if (!parsed.success) return null;
  const f = parsed.data;
  const sentences: SentenceFeatures[] = f.sentences.map(copySentence);
  return {
    empty: f.empty,
    forward: f.forward,
    autoReply: f.autoReply,
    reply: f.reply ?? false,
    courtesyCloser: f.courtesyCloser,
    answerFirst: f.answerFirst,
    bareAnswer: f.bareAnswer,
    sentences,
    substantive: f.substantive.flatMap((i) => (sentences[i] ? [sentences[i]] : [])),
    ...(f.lexical
      ? {
          lexical: {
            model: f.lexical.model,
            mode: [...f.lexical.mode],
            initiative: [...f.lexical.initiative],
          },
        }
      : {}),
  };
}

function copySentence(s: SentenceFeatures): SentenceFeatures {
  return {
    act: s.act,
    acknowledgement: s.acknowledgement,
    courtesy: s.courtesy,
    question: s.question,
    request: s.request,
    directive: s.directive,
    strongDirective: s.strongDirective,
    asRequested: s.asRequested,
    answerOpening: s.answerOpening,
    handsOver: s.handsOver,
    matched: [...s.matched],
  };
}
