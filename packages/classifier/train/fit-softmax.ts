import type { SoftmaxWeights } from '../src/model/softmax-model';

/** One training example: structural features, wording feature ids, the gold class index and a weight. */
export interface TrainingExample {
  features: readonly string[];
  words: readonly number[];
  label: number;
  weight: number;
}

/** How a model is fitted. Every option is fixed in `train.ts`, so a run is reproducible. */
export interface FitOptions {
  classes: readonly string[];
  /** L2 penalty on the weights (not the biases). */
  l2: number;
  /** Full-batch Adam steps. */
  steps: number;
  learningRate: number;
  /** Wording features seen in fewer training examples are left out of the vocabulary. */
  minWordCount: number;
  /** Reweight classes so that each carries the same total weight (helps the rare class's F1). */
  balanceClasses: boolean;
}

interface SparseRow {
  index: Int32Array;
  value: Float64Array;
  label: number;
  weight: number;
}

/**
 * Fits a multinomial logistic regression by full-batch Adam on the weighted mean cross-entropy plus
 * an L2 penalty. There is no randomness at all (initial weights 0, examples in the given order,
 * features and word ids in sorted order), so the same examples and options always give the same
 * weights, byte for byte once written. Wording features are scaled as `SoftmaxModel` scales them (1/√n).
 *
 * @example fitSoftmax(examples, { classes: ['a', 'b'], l2: 1e-3, steps: 300, learningRate: 0.05, minWordCount: 2, balanceClasses: true })
 */
export function fitSoftmax(examples: readonly TrainingExample[], options: FitOptions): SoftmaxWeights {
  const K = options.classes.length;
  const wordCounts = new Map<number, number>();
  for (const e of examples) for (const w of e.words) wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
  const featureSet = new Set<string>();
  for (const e of examples) for (const f of e.features) featureSet.add(f);
  const names = [...featureSet].sort();
  const wordIds = [...wordCounts]
    .filter(([, n]) => n >= options.minWordCount)
    .map(([w]) => w)
    .sort((a, b) => a - b);
  const index = new Map(names.map((n, i) => [n, i]));
  const wordIndex = new Map(wordIds.map((w, i) => [w, names.length + i]));

  const classTotals = new Array<number>(K).fill(0);
  for (const e of examples) classTotals[e.label] = (classTotals[e.label] as number) + e.weight;
  const totalWeight = classTotals.reduce((a, b) => a + b, 0);
  const present = classTotals.filter((t) => t > 0).length;
  const rows: SparseRow[] = examples.map((e) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const f of e.features) {
      const i = index.get(f);
      if (i !== undefined) {
        idx.push(i);
        val.push(1);
      }
    }
    const scale = e.words.length > 0 ? 1 / Math.sqrt(e.words.length) : 0;
    for (const w of e.words) {
      const i = wordIndex.get(w);
      if (i !== undefined) {
        idx.push(i);
        val.push(scale);
      }
    }
    const balance = options.balanceClasses ? totalWeight / (present * (classTotals[e.label] as number)) : 1;
    return {
      index: Int32Array.from(idx),
      value: Float64Array.from(val),
      label: e.label,
      weight: e.weight * balance,
    };
  });
  const norm = rows.reduce((a, r) => a + r.weight, 0);

  const D = names.length + wordIds.length;
  const w = new Float64Array(D * K);
  const b = new Float64Array(K);
  const gw = new Float64Array(D * K);
  const gb = new Float64Array(K);
  const mw = new Float64Array(D * K);
  const vw = new Float64Array(D * K);
  const mb = new Float64Array(K);
  const vb = new Float64Array(K);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  const logits = new Float64Array(K);
  for (let step = 1; step <= options.steps; step++) {
    gw.fill(0);
    gb.fill(0);
    for (const row of rows) {
      for (let k = 0; k < K; k++) logits[k] = b[k] as number;
      for (let j = 0; j < row.index.length; j++) {
        const base = (row.index[j] as number) * K;
        const x = row.value[j] as number;
        for (let k = 0; k < K; k++) logits[k] = (logits[k] as number) + (w[base + k] as number) * x;
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < K; k++) max = Math.max(max, logits[k] as number);
      let sum = 0;
      for (let k = 0; k < K; k++) {
        logits[k] = Math.exp((logits[k] as number) - max);
        sum += logits[k] as number;
      }
      const c = row.weight / norm;
      for (let k = 0; k < K; k++) {
        const g = c * ((logits[k] as number) / sum - (k === row.label ? 1 : 0));
        gb[k] = (gb[k] as number) + g;
        for (let j = 0; j < row.index.length; j++) {
          const at = (row.index[j] as number) * K + k;
          gw[at] = (gw[at] as number) + g * (row.value[j] as number);
        }
      }
    }
    const lr = options.learningRate;
    const c1 = 1 - beta1 ** step;
    const c2 = 1 - beta2 ** step;
    for (let i = 0; i < w.length; i++) {
      const g = (gw[i] as number) + options.l2 * (w[i] as number);
      mw[i] = beta1 * (mw[i] as number) + (1 - beta1) * g;
      vw[i] = beta2 * (vw[i] as number) + (1 - beta2) * g * g;
      w[i] = (w[i] as number) - (lr * ((mw[i] as number) / c1)) / (Math.sqrt((vw[i] as number) / c2) + eps);
    }
    for (let k = 0; k < K; k++) {
      const g = gb[k] as number;
      mb[k] = beta1 * (mb[k] as number) + (1 - beta1) * g;
      vb[k] = beta2 * (vb[k] as number) + (1 - beta2) * g * g;
      b[k] = (b[k] as number) - (lr * ((mb[k] as number) / c1)) / (Math.sqrt((vb[k] as number) / c2) + eps);
    }
  }

  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const row = (i: number) => Array.from({ length: K }, (_, k) => round(w[i * K + k] as number) || 0);
  const kept = (r: number[]) => r.some((x) => Math.abs(x) >= 0.002);
  const weights: Record<string, number[]> = {};
  names.forEach((name, i) => {
    const r = row(i);
    if (kept(r)) weights[name] = r;
  });
  const lexical: Record<string, number[]> = {};
  wordIds.forEach((id, j) => {
    const r = row(names.length + j);
    if (kept(r)) lexical[String(id)] = r;
  });
  return {
    classes: [...options.classes],
    bias: Array.from(b, (x) => round(x) || 0),
    temperature: 1,
    weights,
    lexical,
  };
}
