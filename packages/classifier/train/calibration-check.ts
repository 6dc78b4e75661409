/**
 * How the calibration was chosen, on the train pool and dev only (never test): the mode model's
 * temperature fitted on different calibration sets, each judged by the expected calibration error
 * on items its temperature did not see.
 *
 * - out-of-fold: 4-fold cross-validation by thread over the train pool (the folds of
 *   cross-validate.ts); each fold's items scored by a model fitted on the other three. Reported for
 *   the twice-labelled corpus items and for the once-labelled supplement apart.
 * - dev: the model fitted on the whole pool, scored on dev.
 *
 *   npx tsx packages/classifier/train/calibration-check.ts
 */

import { expectedCalibrationError, fitTemperature } from '../eval/calibration';
import type { ClassifiedItem } from '../eval/classify-corpus';
import { softmax } from '../src/model/softmax-model';
import { threadFold } from './thread-fold';
import { calibrationLogits, fitModels, loadTrainingData, TRAINING } from './train-classifier';

const data = loadTrainingData((l) => process.stderr.write(`${l}\n`));
const pool = data.ruled.filter((r) => r.item.split === 'train');
const dev = data.ruled.filter((r) => r.item.split === 'dev' && data.corpus.gold.has(r.item.id));

interface Scored {
  logits: number[];
  gold: number;
  source: string;
  twice: boolean;
}

function score(rows: readonly ClassifiedItem[], fitOn: readonly ClassifiedItem[]): Scored[] {
  // one mode example per row, in order
  const { mode } = calibrationLogits(data, fitModels(data, fitOn, [], TRAINING), rows);
  return mode.map((m, i) => ({
    ...m,
    source: rows[i]?.item.source ?? '',
    twice: data.corpus.gold.has(rows[i]?.item.id ?? ''),
  }));
}

const outOfFold: Scored[] = [];
for (let k = 0; k < 4; k++) {
  process.stderr.write(`fold ${k + 1} of 4…\n`);
  outOfFold.push(
    ...score(
      pool.filter((r) => threadFold(r.item.thread) === k),
      pool.filter((r) => threadFold(r.item.thread) !== k),
    ),
  );
}
process.stderr.write('whole pool → dev…\n');
const devScored = score(dev, pool);

const ece = (set: readonly Scored[], t: number) =>
  expectedCalibrationError(
    set.map((s) => {
      const p = softmax(s.logits, t);
      let k = 0;
      for (let i = 1; i < p.length; i++) if ((p[i] as number) > (p[k] as number)) k = i;
      return { confidence: Math.round((p[k] as number) * 100) / 100, correct: k === s.gold };
    }),
  );

const sets: Record<string, Scored[]> = {
  'dev (662, twice labelled)': devScored,
  'out-of-fold corpus train (twice labelled)': outOfFold.filter((s) => s.twice),
  'out-of-fold supplement (once labelled)': outOfFold.filter((s) => !s.twice),
  'out-of-fold corpus train + dev': [...outOfFold.filter((s) => s.twice), ...devScored],
  'out-of-fold pool (all)': outOfFold,
};
const temperatures = Object.fromEntries(
  Object.entries(sets).map(([name, set]) => [name, fitTemperature(set)]),
);
for (const [fitName, t] of Object.entries(temperatures)) {
  const cells = Object.entries(sets)
    .map(([name, set]) => `${name} ${ece(set, t).toFixed(3)}${name === fitName ? ' (in-sample)' : ''}`)
    .join('; ');
  process.stdout.write(`T fitted on ${fitName} = ${t.toFixed(2)} → ECE: ${cells}\n`);
}
for (const source of ['email', 'chat', 'github']) {
  const of = (set: readonly Scored[]) => set.filter((s) => s.source === source);
  process.stdout.write(
    `${source}: T on dev ${fitTemperature(of(devScored)).toFixed(2)}, on out-of-fold corpus ${fitTemperature(of(sets['out-of-fold corpus train (twice labelled)'] ?? [])).toFixed(2)}\n`,
  );
}
