import { IdTable } from './id-table';

/**
 * The weights of one softmax model, or of several side by side, laid out for scoring: every row is
 * `width` numbers, the classes of the first model, then those of the next. `SoftmaxModel` scores with
 * its own model's table; classifying scores both models at once with the joint table
 * (`ClassifierModel.joint`, width 5: mode's 3 classes, then initiative's 2), one lookup per feature.
 * Both go through `linearLogits` and `wordingLogits`, so they add the same numbers in the same order.
 */
export interface LinearWeights {
  readonly width: number;
  /** One bias per class. */
  readonly bias: Float64Array;
  /** Structural features by name. A feature one model lacks has zeros in that model's columns. */
  readonly structural: ReadonlyMap<string, Float64Array>;
  /** Wording features by hashed id. */
  readonly lexical: IdTable;
}

/** What `linearWeights` reads of a model: the stored form (see `SoftmaxWeightsSchema`). */
export interface StoredLinearModel {
  classes: readonly string[];
  bias: readonly number[];
  weights: Readonly<Record<string, readonly number[]>>;
  lexical: Readonly<Record<string, readonly number[]>>;
}

/**
 * Lays out one or more stored models side by side (columns in the given order). Built once per model.
 *
 * @example linearWeights([file.mode, file.initiative]).width // 5
 */
export function linearWeights(models: readonly StoredLinearModel[]): LinearWeights {
  const width = models.reduce((n, m) => n + m.classes.length, 0);
  const bias = new Float64Array(width);
  const structural = new Map<string, Float64Array>();
  const rowOf = (rows: Map<string, Float64Array>, key: string) => {
    let row = rows.get(key);
    if (!row) {
      row = new Float64Array(width);
      rows.set(key, row);
    }
    return row;
  };
  const blocks: Array<{ offset: number; rows: StoredLinearModel['lexical'] }> = [];
  let offset = 0;
  for (const m of models) {
    bias.set(m.bias, offset);
    for (const [name, w] of Object.entries(m.weights)) rowOf(structural, name).set(w, offset);
    blocks.push({ offset, rows: m.lexical });
    offset += m.classes.length;
  }
  return { width, bias, structural, lexical: IdTable.fromColumns(width, blocks) };
}

/**
 * The wording's logits: the rows of the message's wording feature ids summed in the given order, then
 * scaled by 1/√n (n = how many ids the message has, found or not), so a long email does not outvote its
 * structure. Zeros for no ids. `count` reads only the first ids (a reused buffer's filled part).
 *
 * @example wordingLogits(table, lexicalFeatures({ text: 'Any update?' })).length // table.width
 */
export function wordingLogits(
  table: LinearWeights,
  ids: ArrayLike<number>,
  count: number = ids.length,
): Float64Array {
  const width = table.width;
  const sums = new Float64Array(width);
  const { lexical } = table;
  const values = lexical.values;
  for (let i = 0; i < count; i++) {
    const at = lexical.find(ids[i] as number);
    if (at >= 0) for (let k = 0; k < width; k++) sums[k] = (sums[k] as number) + (values[at + k] as number);
  }
  scaleWordingSums(sums, count);
  return sums;
}

/**
 * Scales summed wording rows, in place, by 1/√n (n = how many ids the message has, found or not; no
 * change for none): the last step of {@link wordingLogits}, for a caller that summed the rows itself
 * (`lexicalScoresOfCleaned`, in the same order).
 *
 * @example scaleWordingSums(sums, collector.count)
 */
export function scaleWordingSums(sums: Float64Array, count: number): void {
  if (count > 0) {
    const scale = 1 / Math.sqrt(count);
    for (let k = 0; k < sums.length; k++) sums[k] = (sums[k] as number) * scale;
  }
}

/**
 * Raw logits: the bias, plus each structural feature's row in the given order (unknown ones add
 * nothing), plus the wording's logits (`lexical`, one number per column; missing ones count 0).
 *
 * @example linearLogits(table, ['r:question-sentence'], wordingLogits(table, ids))
 */
export function linearLogits(
  table: LinearWeights,
  features: readonly string[],
  lexical: ArrayLike<number> | null,
): Float64Array {
  const width = table.width;
  const out = table.bias.slice();
  for (const f of features) {
    const w = table.structural.get(f);
    if (w) for (let k = 0; k < width; k++) out[k] = (out[k] as number) + (w[k] as number);
  }
  for (let k = 0; k < width; k++) out[k] = (out[k] as number) + (lexical?.[k] ?? 0);
  return out;
}
