import { PushpullError } from '@pushpull/core';
import { z } from 'zod';
import { IdTable } from './id-table';
import { readCommittedJson } from './read-committed-json';
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
  /** Both models' weights per feature in one lookup: the mode classes' first, then the initiative's. */
  joint: JointWeights;
}

/** Both models' weights side by side, so classifying looks each feature up once. */
export interface JointWeights {
  structural: ReadonlyMap<string, Float64Array>;
  /** Rows of 5: mode's 3 weights, then initiative's 2. */
  lexical: IdTable;
}

function joinWeights(
  mode: ClassifierModelFile['mode'],
  initiative: ClassifierModelFile['initiative'],
): JointWeights {
  const M = MODE_CLASSES.length;
  const join = <K>(a: Record<string, number[]>, b: Record<string, number[]>, key: (k: string) => K) => {
    const out = new Map<K, Float64Array>();
    for (const [k, w] of Object.entries(a)) {
      const row = new Float64Array(M + INITIATIVE_CLASSES.length);
      row.set(w, 0);
      out.set(key(k), row);
    }
    for (const [k, w] of Object.entries(b)) {
      let row = out.get(key(k));
      if (!row) {
        row = new Float64Array(M + INITIATIVE_CLASSES.length);
        out.set(key(k), row);
      }
      row.set(w, M);
    }
    return out;
  };
  return {
    structural: join(mode.weights, initiative.weights, (k) => k),
    lexical: new IdTable(join(mode.lexical, initiative.lexical, Number), M + INITIATIVE_CLASSES.length),
  };
}

/** Where the committed weights are. */
export const CLASSIFIER_MODEL_URL = new URL('../../model/classifier-model.json', import.meta.url);

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
    joint: joinWeights(parsed.data.mode, parsed.data.initiative),
  };
}

let committed: ClassifierModel | undefined;

/**
 * The committed model, read from `model/classifier-model.json` the first time it is asked for and
 * kept: once per process (with `publishedConfusion`, the classifier's only I/O; classifying reads nothing).
 *
 * @example defaultClassifierModel().version // '0.3.0'
 */
export function defaultClassifierModel(): ClassifierModel {
  if (committed === undefined) {
    committed = classifierModelFrom(
      readCommittedJson(CLASSIFIER_MODEL_URL, 'the classifier weights', 'CLASSIFIER_BAD_MODEL'),
    );
  }
  return committed;
}
