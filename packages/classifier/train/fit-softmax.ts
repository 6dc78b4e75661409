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
  /**
   * The optimiser: full-batch Adam (`steps` steps at `learningRate`), or L-BFGS (at most `steps`
   * iterations, each one pass over the examples, or fewer when the gradient vanishes). Default Adam.
   */
  optimizer?: 'adam' | 'lbfgs';
  /** Adam steps, or L-BFGS iterations at most. */
  steps: number;
  /** Adam's step size (L-BFGS ignores it). */
  learningRate: number;
  /** Wording features seen in fewer training examples are left out of the vocabulary. */
  minWordCount: number;
  /**
   * The wording features' values in the fit are multiplied by this (their stored weights by it too, so
   * the model scores as before): above 1, the L2 penalty holds the wording back less than the rule
   * features. Default 1.
   */
  lexicalScale?: number;
  /**
   * Feature rows whose weights all round below this in magnitude are left out of the stored weights
   * (they barely move a logit, and the file stays small). Default 0.002.
   */
  keepAbove?: number;
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
 * Fits a multinomial logistic regression by full-batch Adam or L-BFGS on the weighted mean cross-entropy
 * plus an L2 penalty (`l2 / 2 · ‖w‖²`). There is no randomness at all (initial weights 0, examples in the given order,
 * features and word ids in sorted order), so the same examples and options always give the same
 * weights, byte for byte once written. Wording features are scaled as `SoftmaxModel` scales them (1/√n).
 *
 * @example fitSoftmax(examples, { classes: ['a', 'b'], l2: 1e-3, steps: 300, learningRate: 0.05, minWordCount: 2, balanceClasses: true })
 */
export function fitSoftmax(examples: readonly TrainingExample[], options: FitOptions): SoftmaxWeights {
  const K = options.classes.length;
  const lexicalScale = options.lexicalScale ?? 1;
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
    const scale = e.words.length > 0 ? lexicalScale / Math.sqrt(e.words.length) : 0;
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
  const objective = softmaxObjective(rows, D, K, norm, options.l2);
  const theta =
    options.optimizer === 'lbfgs'
      ? minimiseLbfgs(objective, D * K + K, options.steps)
      : minimiseAdam(objective, D * K + K, options.steps, options.learningRate);
  const w = theta.subarray(0, D * K);
  const b = theta.subarray(D * K);

  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const row = (i: number) => Array.from({ length: K }, (_, k) => round(w[i * K + k] as number) || 0);
  const keepAbove = options.keepAbove ?? 0.002;
  const kept = (r: number[]) => r.some((x) => Math.abs(x) >= keepAbove);
  const weights: Record<string, number[]> = {};
  names.forEach((name, i) => {
    const r = row(i);
    if (kept(r)) weights[name] = r;
  });
  const lexical: Record<string, number[]> = {};
  wordIds.forEach((id, j) => {
    const r = Array.from(
      { length: K },
      (_, k) => round(lexicalScale * (w[(names.length + j) * K + k] as number)) || 0,
    );
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

/** An objective over a flat parameter vector: its value, with its gradient written into `grad`. */
type Objective = (theta: Float64Array, grad: Float64Array) => number;

/**
 * The weighted mean cross-entropy of the rows plus `l2 / 2 · ‖w‖²` (biases unpenalised), over
 * `theta` = the D×K weights (row-major, feature by feature) then the K biases.
 */
function softmaxObjective(
  rows: readonly SparseRow[],
  D: number,
  K: number,
  norm: number,
  l2: number,
): Objective {
  const logits = new Float64Array(K);
  const g = new Float64Array(K);
  return (theta, grad) => {
    grad.fill(0);
    let loss = 0;
    const bOff = D * K;
    for (const row of rows) {
      for (let k = 0; k < K; k++) logits[k] = theta[bOff + k] as number;
      const idx = row.index;
      const val = row.value;
      for (let j = 0; j < idx.length; j++) {
        const base = (idx[j] as number) * K;
        const x = val[j] as number;
        for (let k = 0; k < K; k++) logits[k] = (logits[k] as number) + (theta[base + k] as number) * x;
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < K; k++) max = Math.max(max, logits[k] as number);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp((logits[k] as number) - max);
      const logSum = max + Math.log(sum);
      const c = row.weight / norm;
      loss += c * (logSum - (logits[row.label] as number));
      for (let k = 0; k < K; k++) {
        const gk = c * (Math.exp((logits[k] as number) - logSum) - (k === row.label ? 1 : 0));
        g[k] = gk;
        grad[bOff + k] = (grad[bOff + k] as number) + gk;
      }
      for (let j = 0; j < idx.length; j++) {
        const base = (idx[j] as number) * K;
        const x = val[j] as number;
        for (let k = 0; k < K; k++) grad[base + k] = (grad[base + k] as number) + (g[k] as number) * x;
      }
    }
    let penalty = 0;
    for (let i = 0; i < bOff; i++) {
      const t = theta[i] as number;
      penalty += t * t;
      grad[i] = (grad[i] as number) + l2 * t;
    }
    return loss + 0.5 * l2 * penalty;
  };
}

/** Full-batch Adam from zero, `steps` steps (the weights of classifier 0.3.0 were fitted so). */
function minimiseAdam(f: Objective, n: number, steps: number, lr: number): Float64Array {
  const theta = new Float64Array(n);
  const grad = new Float64Array(n);
  const m = new Float64Array(n);
  const v = new Float64Array(n);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  for (let step = 1; step <= steps; step++) {
    f(theta, grad);
    const c1 = 1 - beta1 ** step;
    const c2 = 1 - beta2 ** step;
    for (let i = 0; i < n; i++) {
      const g = grad[i] as number;
      m[i] = beta1 * (m[i] as number) + (1 - beta1) * g;
      v[i] = beta2 * (v[i] as number) + (1 - beta2) * g * g;
      theta[i] =
        (theta[i] as number) - (lr * ((m[i] as number) / c1)) / (Math.sqrt((v[i] as number) / c2) + eps);
    }
  }
  return theta;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};

/**
 * L-BFGS from zero (the last 10 steps' curvature pairs, a backtracking line search under the Armijo
 * condition), at most `iterations` iterations; stops early when the gradient's largest entry is below
 * 1e-7 or no step lowers the objective. No randomness: the same input gives the same bits.
 */
function minimiseLbfgs(f: Objective, n: number, iterations: number): Float64Array {
  const memory = 10;
  let theta = new Float64Array(n);
  let grad = new Float64Array(n);
  let value = f(theta, grad);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Array<number>(memory).fill(0);
  const direction = new Float64Array(n);
  let nextTheta = new Float64Array(n);
  let nextGrad = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(grad[i] as number));
    if (largest < 1e-7) break;
    // The two-loop recursion: direction = -H·grad.
    direction.set(grad);
    for (let j = s.length - 1; j >= 0; j--) {
      const a = (rho[j] as number) * dot(s[j] as Float64Array, direction);
      alpha[j] = a;
      const yj = y[j] as Float64Array;
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) - a * (yj[i] as number);
    }
    const last = s.length - 1;
    const gamma =
      last >= 0
        ? dot(s[last] as Float64Array, y[last] as Float64Array) /
          dot(y[last] as Float64Array, y[last] as Float64Array)
        : 1 / Math.sqrt(dot(grad, grad));
    for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) * gamma;
    for (let j = 0; j < s.length; j++) {
      const b = (rho[j] as number) * dot(y[j] as Float64Array, direction);
      const sj = s[j] as Float64Array;
      const a = alpha[j] as number;
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) + (a - b) * (sj[i] as number);
    }
    for (let i = 0; i < n; i++) direction[i] = -(direction[i] as number);
    let slope = dot(grad, direction);
    if (slope >= 0) {
      // Not a descent direction: restart from steepest descent.
      s.length = 0;
      y.length = 0;
      rho.length = 0;
      const scale = 1 / Math.sqrt(dot(grad, grad));
      for (let i = 0; i < n; i++) direction[i] = -(grad[i] as number) * scale;
      slope = dot(grad, direction);
    }
    let step = 1;
    let nextValue = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) nextTheta[i] = (theta[i] as number) + step * (direction[i] as number);
      nextValue = f(nextTheta, nextGrad);
      if (nextValue <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(nextValue < value)) break;
    const sNew = new Float64Array(n);
    const yNew = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sNew[i] = (nextTheta[i] as number) - (theta[i] as number);
      yNew[i] = (nextGrad[i] as number) - (grad[i] as number);
    }
    const sy = dot(sNew, yNew);
    if (sy > 1e-12) {
      if (s.length === memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sNew);
      y.push(yNew);
      rho.push(1 / sy);
    }
    [theta, nextTheta] = [nextTheta, theta];
    [grad, nextGrad] = [nextGrad, grad];
    value = nextValue;
  }
  return theta;
}
