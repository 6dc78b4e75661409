/** A prediction's confidence (its top probability) and whether it was right. */
export interface ScoredPrediction {
  confidence: number;
  correct: boolean;
}

/** One bin of a reliability table: predictions whose confidence fell in [from, to). */
export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/**
 * The reliability table: predictions binned by confidence into `bins` equal-width bins over [0, 1]
 * (a confidence of 1 goes to the last bin), each with its mean confidence and its accuracy.
 *
 * @example reliabilityTable([{ confidence: 0.95, correct: true }], 10).at(-1)?.accuracy // 1
 */
export function reliabilityTable(predictions: readonly ScoredPrediction[], bins = 10): ReliabilityBin[] {
  const table = Array.from({ length: bins }, (_, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    count: 0,
    confidenceSum: 0,
    correct: 0,
  }));
  for (const p of predictions) {
    const bin = table[Math.min(bins - 1, Math.floor(p.confidence * bins))];
    if (!bin) continue;
    bin.count++;
    bin.confidenceSum += p.confidence;
    if (p.correct) bin.correct++;
  }
  return table.map((b) => ({
    from: b.from,
    to: b.to,
    count: b.count,
    meanConfidence: b.count ? b.confidenceSum / b.count : 0,
    accuracy: b.count ? b.correct / b.count : 0,
  }));
}

/**
 * Expected calibration error: the count-weighted mean gap between confidence and accuracy over the
 * bins of the reliability table. 0 is perfectly calibrated.
 *
 * @example expectedCalibrationError([{ confidence: 0.8, correct: true }, { confidence: 0.8, correct: false }]) // ≈ 0.3
 */
export function expectedCalibrationError(predictions: readonly ScoredPrediction[], bins = 10): number {
  if (predictions.length === 0) return Number.NaN;
  return reliabilityTable(predictions, bins).reduce(
    (sum, b) => sum + (b.count / predictions.length) * Math.abs(b.meanConfidence - b.accuracy),
    0,
  );
}

/**
 * The temperature that minimises the negative log-likelihood of the gold classes given the logits
 * (a grid from 0.25 to 4 in steps of 0.01; the first best wins, so the result is reproducible); 1 when
 * there are no examples.
 *
 * @example fitTemperature([{ logits: [2, 0], gold: 0 }]) // a value in [0.25, 4]
 */
export function fitTemperature(examples: readonly { logits: readonly number[]; gold: number }[]): number {
  if (examples.length === 0) return 1;
  let best = 1;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (let t100 = 25; t100 <= 400; t100++) {
    const t = t100 / 100;
    let loss = 0;
    for (const e of examples) {
      const scaled = e.logits.map((l) => l / t);
      const max = Math.max(...scaled);
      const logSum = max + Math.log(scaled.reduce((s, l) => s + Math.exp(l - max), 0));
      loss += logSum - (scaled[e.gold] as number);
    }
    if (loss < bestLoss - 1e-12) {
      bestLoss = loss;
      best = t;
    }
  }
  return best;
}
