import { z } from 'zod';
import { type LinearWeights, linearLogits, linearWeights, wordingLogits } from './linear-weights';

/**
 * One learned softmax (multinomial logistic) model as stored in the weights file: its classes, a bias
 * per class, a weight vector per feature id and the temperature that calibrates its probabilities.
 */
const isRecord = (value: unknown): value is Record<string, number[]> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether every feature of `rows` (keys matching `key`, when given) has one finite weight per class.
 * A plain loop rather than a schema per entry: the weights file holds ~100,000 features, and every
 * command that classifies loads it at start-up.
 */
function allRowsValid(rows: Record<string, unknown>, classes: number, key?: RegExp): boolean {
  for (const name in rows) {
    if (key !== undefined && !key.test(name)) return false;
    const w = rows[name];
    if (!Array.isArray(w) || w.length !== classes) return false;
    for (const x of w) if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  }
  return true;
}

export const SoftmaxWeightsSchema = z
  .object({
    classes: z.array(z.string().min(1)).min(2),
    bias: z.array(z.number()),
    temperature: z.number().positive(),
    /** Structural features (rule ids, acts, context) by name. */
    weights: z.custom<Record<string, number[]>>(isRecord, { message: 'an object: feature → weights' }),
    /** Wording features by hashed id (see `lexicalFeatures`). */
    lexical: z.custom<Record<string, number[]>>(isRecord, {
      message: 'an object: hashed feature id → weights',
    }),
  })
  .refine((m) => m.bias.length === m.classes.length, { message: 'one bias per class', path: ['bias'] })
  .refine((m) => allRowsValid(m.weights, m.classes.length), {
    message: 'one finite weight per class for every feature',
    path: ['weights'],
  })
  .refine((m) => allRowsValid(m.lexical, m.classes.length, /^\d+$/), {
    message: 'hashed feature ids (digits), each with one finite weight per class',
    path: ['lexical'],
  });
export type SoftmaxWeights = z.infer<typeof SoftmaxWeightsSchema>;

/**
 * A softmax model over two kinds of binary features: structural ones, by name (each adds its
 * weights), and wording ones, by hashed id (their sum is scaled by 1/√n, n = how many the message has,
 * so a long email does not outvote its structure). Pure and deterministic.
 *
 * @example new SoftmaxModel(weights).probabilities(['m:pull'], model.lexicalLogits(lexicalFeatures({ text })))
 */
export class SoftmaxModel {
  readonly classes: readonly string[];
  readonly bias: readonly number[];
  readonly temperature: number;
  private readonly stored: SoftmaxWeights;
  private laidOut: LinearWeights | undefined;
  private margins: Map<string, Float64Array> | undefined;

  constructor(stored: SoftmaxWeights) {
    this.stored = stored;
    this.classes = stored.classes;
    this.bias = stored.bias;
    this.temperature = stored.temperature;
  }

  /**
   * The weights laid out for scoring (the same layout and arithmetic as the joint table classifying
   * uses), built the first time this model scores on its own: classifying uses the joint table, so a
   * command that only classifies never builds it.
   */
  private get table(): LinearWeights {
    this.laidOut ??= linearWeights([this.stored]);
    return this.laidOut;
  }

  /**
   * Per structural feature, its margin for each class k: weight of k minus the mean weight of the
   * other classes (what `strongestFor` ranks by), computed the first time it is asked for.
   */
  private get marginRows(): ReadonlyMap<string, Float64Array> {
    if (this.margins === undefined) {
      const margins = new Map<string, Float64Array>();
      for (const [f, w] of Object.entries(this.stored.weights)) {
        const sum = w.reduce((a, b) => a + b, 0);
        margins.set(
          f,
          Float64Array.from(w, (wk) => wk - (sum - wk) / (w.length - 1)),
        );
      }
      this.margins = margins;
    }
    return this.margins;
  }

  /** The summed, length-scaled contribution of a message's wording features (ids) to each class's logit. */
  lexicalLogits(features: readonly number[]): number[] {
    return Array.from(wordingLogits(this.table, features));
  }

  /** Raw logits: bias, plus each structural feature's weights, plus the wording's logits. */
  logits(features: readonly string[], lexical: readonly number[]): number[] {
    return Array.from(linearLogits(this.table, features, lexical));
  }

  /** Calibrated class probabilities (softmax of the logits over the stored temperature). */
  probabilities(features: readonly string[], lexical: readonly number[]): number[] {
    return softmax(this.logits(features, lexical), this.temperature);
  }

  /**
   * The structural features that pushed class `k` up most against the others, strongest first
   * (for reasons): weight of `k` minus the mean weight of the other classes, positive only.
   */
  strongestFor(features: readonly string[], k: number, limit: number): string[] {
    // The first `limit` of a stable sort by margin (descending, ties by name), kept as they come: a
    // feature goes before the first kept one it sorts strictly before, so equals keep their order.
    const names: string[] = [];
    const margins: number[] = [];
    const rows = this.marginRows;
    for (const f of features) {
      const margin = rows.get(f)?.[k];
      if (margin === undefined || !(margin > 0)) continue;
      let at = names.length;
      while (at > 0 && (margins[at - 1] as number) - margin < 0) at--;
      while (
        at > 0 &&
        (margins[at - 1] as number) === margin &&
        (names[at - 1] as string).localeCompare(f) > 0
      )
        at--;
      if (at >= limit) continue;
      names.splice(at, 0, f);
      margins.splice(at, 0, margin);
      if (names.length > limit) {
        names.pop();
        margins.pop();
      }
    }
    return names;
  }
}

/**
 * Softmax of `logits / temperature`, computed stably.
 *
 * @example softmax([0, 0], 1) // [0.5, 0.5]
 */
export function softmax(logits: readonly number[], temperature = 1): number[] {
  return softmaxOf(logits, 0, logits.length, temperature);
}

/**
 * {@link softmax} of `logits[from … to)` (a model's columns of a joint row of logits), without copying
 * them out first: the same numbers, worked out in the same order (scaled, their maximum, the
 * exponentials of the differences, their sum from the first, each exponential over the sum).
 *
 * @example softmaxOf(Float64Array.of(1, 0, 0, 2, 2), 3, 5, 1) // [0.5, 0.5]
 */
export function softmaxOf(logits: ArrayLike<number>, from: number, to: number, temperature = 1): number[] {
  const n = to - from;
  const out = new Array<number>(n);
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const scaled = (logits[from + i] as number) / temperature;
    out[i] = scaled;
    max = Math.max(max, scaled);
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp((out[i] as number) - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) out[i] = (out[i] as number) / sum;
  return out;
}
