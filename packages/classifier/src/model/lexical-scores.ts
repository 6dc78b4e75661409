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
  // What SoftmaxModel.lexicalLogits computes for each model, in one pass over the ids (same order of
  // additions, so the same numbers to the last bit).
  const ids = lexicalFeatures(input);
  const sums = new Float64Array(5);
  const table = model.joint.lexical;
  const values = table.values;
  for (const id of ids) {
    const at = table.find(id);
    if (at >= 0) for (let k = 0; k < 5; k++) sums[k] = (sums[k] as number) + (values[at + k] as number);
  }
  const scale = ids.length > 0 ? 1 / Math.sqrt(ids.length) : 0;
  return {
    model: model.version,
    mode: [(sums[0] as number) * scale, (sums[1] as number) * scale, (sums[2] as number) * scale],
    initiative: [(sums[3] as number) * scale, (sums[4] as number) * scale],
  };
}
