import { cleanText } from '../clean-text';
import type { ClassifierModel } from './classifier-model';
import { IdCollector } from './id-collector';
import { collectLexicalFeatures } from './lexical-features';
import { type LinearWeights, scaleWordingSums } from './linear-weights';
import { WordFeatureCache } from './word-features';

/** The wording's contribution to the learned layer's logits, tagged with the model it was computed for. */
export interface LexicalScores {
  /** The model version (`ClassifierModel.version`): scores of another model are not used. */
  model: string;
  /** One number per mode class (push, pull, neutral). */
  mode: number[];
  /** One number per initiative class (responsive, proactive). */
  initiative: number[];
}

/**
 * The wording's contribution to the learned layer's logits, mode and initiative, for the given model.
 * Numbers only: a connector in features mode sends these instead of the text.
 *
 * @example lexicalScores(defaultClassifierModel(), { text: 'Any update?' }).mode.length // 3
 */
export function lexicalScores(
  model: ClassifierModel,
  input: { subject?: string | null; text?: string | null },
): LexicalScores {
  return lexicalScoresOfCleaned(model, input.subject ?? null, cleanText(input.text ?? ''));
}

/** The collector `lexicalScoresOfCleaned` reuses from message to message. */
const scratch = new IdCollector();

/** Each table's words with their rows (see `WordFeatureCache`), kept while the table is. */
const wordsByTable = new WeakMap<LinearWeights, WordFeatureCache>();

/**
 * {@link lexicalScores} of a text already cleaned (`cleanText`): the same numbers, for a caller that
 * has cleaned the text for the rules already.
 *
 * @example lexicalScoresOfCleaned(model, null, cleanText(text)) // = lexicalScores(model, { text })
 */
export function lexicalScoresOfCleaned(
  model: ClassifierModel,
  subject: string | null,
  cleaned: string,
): LexicalScores {
  // The joint table scored as each SoftmaxModel scores its own: the same numbers as
  // model.mode.lexicalLogits(ids) and model.initiative.lexicalLogits(ids) (wordingLogits: the rows of
  // the distinct ids summed in the order they come, then scaled), summed while the ids are collected,
  // each word's rows read from its cached copy.
  const table = model.joint;
  let words = wordsByTable.get(table);
  if (words === undefined) {
    words = new WordFeatureCache(table);
    wordsByTable.set(table, words);
  }
  const s = new Float64Array(table.width);
  collectLexicalFeatures(subject, cleaned, scratch, words, s);
  scaleWordingSums(s, scratch.count);
  return {
    model: model.version,
    mode: [s[0] as number, s[1] as number, s[2] as number],
    initiative: [s[3] as number, s[4] as number],
  };
}
