import type { ClassifierModel } from './classifier-model';
import { lexicalFeatures } from './lexical-features';
import { wordingLogits } from './linear-weights';

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
  // The joint table scored as each SoftmaxModel scores its own: the same numbers as
  // model.mode.lexicalLogits(ids) and model.initiative.lexicalLogits(ids), in one pass over the ids.
  const s = wordingLogits(model.joint, lexicalFeatures(input));
  return {
    model: model.version,
    mode: [s[0] as number, s[1] as number, s[2] as number],
    initiative: [s[3] as number, s[4] as number],
  };
}
