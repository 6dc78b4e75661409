import { PushpullError, shippedFileUrl } from '@pushpull/core';
import { z } from 'zod';
import { type LinearWeights, linearWeights } from './linear-weights';
import { committedJsonOnce } from './read-committed-json';
import { SoftmaxModel, SoftmaxWeightsSchema } from './softmax-model';

/** The learned layer's mode classes, in the order of the stored weights. */
export const MODE_CLASSES = ['push', 'pull', 'neutral'] as const;
/** The learned layer's initiative classes (pushes only), in the order of the stored weights. */
export const INITIATIVE_CLASSES = ['responsive', 'proactive'] as const;

/** The weights file `packages/classifier/model/classifier-model.json`, as `npm run train` writes it. */
export const ClassifierModelFileSchema = z.object({
  /** The classifier version these weights belong to (`CLASSIFIER_VERSION`). */
  version: z.string().min(1),
  mode: SoftmaxWeightsSchema.refine((m) => m.classes.join() === MODE_CLASSES.join(), {
    message: `mode classes must be ${MODE_CLASSES.join(', ')}`,
  }),
  initiative: SoftmaxWeightsSchema.refine((m) => m.classes.join() === INITIATIVE_CLASSES.join(), {
    message: `initiative classes must be ${INITIATIVE_CLASSES.join(', ')}`,
  }),
});
export type ClassifierModelFile = z.infer<typeof ClassifierModelFileSchema>;

/** The learned layer: a mode model over all text-judged events, an initiative model over pushes. */
export interface ClassifierModel {
  version: string;
  mode: SoftmaxModel;
  initiative: SoftmaxModel;
  /**
   * Both models' weights per feature in one table, so classifying looks each feature up once: rows of
   * 5, the mode classes' weights first, then the initiative's. Scored with the same functions as each
   * `SoftmaxModel` (`linearLogits`, `wordingLogits`), so the same numbers come out.
   */
  joint: LinearWeights;
}

/** Where the committed weights are. */
export const CLASSIFIER_MODEL_URL = shippedFileUrl(
  'classifier-model.json',
  new URL('../../model/classifier-model.json', import.meta.url),
);

/**
 * A model from a parsed weights file.
 *
 * @example classifierModelFrom(JSON.parse(text))
 */
export function classifierModelFrom(file: unknown): ClassifierModel {
  const parsed = ClassifierModelFileSchema.safeParse(file);
  if (!parsed.success) {
    throw new PushpullError(
      'CLASSIFIER_BAD_MODEL',
      `bad classifier weights: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
    );
  }
  return {
    version: parsed.data.version,
    mode: new SoftmaxModel(parsed.data.mode),
    initiative: new SoftmaxModel(parsed.data.initiative),
    joint: linearWeights([parsed.data.mode, parsed.data.initiative]),
  };
}

/**
 * The committed model, read from `model/classifier-model.json` the first time it is asked for and
 * kept: once per process (with `publishedConfusion`, the classifier's only I/O; classifying reads nothing).
 *
 * @example defaultClassifierModel().version // '0.5.1'
 */
export const defaultClassifierModel: () => ClassifierModel = committedJsonOnce(
  CLASSIFIER_MODEL_URL,
  'the classifier weights',
  'CLASSIFIER_BAD_MODEL',
  classifierModelFrom,
);
