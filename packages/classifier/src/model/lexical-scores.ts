import type { ClassifierModel } from './classifier-model';
import { lexicalFeatures } from './lexical-features';

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
  const words = lexicalFeatures(input);
  return {
    model: model.version,
    mode: model.mode.lexicalLogits(words),
    initiative: model.initiative.lexicalLogits(words),
  };
}
