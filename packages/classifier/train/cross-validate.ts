/**
 * How the training options were chosen: 4-fold cross-validation by thread over the train split and
 * the supplement (never dev, never test), for each candidate L2 penalty and simulator weight; it prints
 * macro-F1 per source and initiative accuracy of the pooled out-of-fold predictions, and how many of
 * a fresh simulation's messages (seed 42) a model trained on all folds labels off their ground truth.
 *
 *   npx tsx packages/classifier/train/cross-validate.ts [L2:SIMWEIGHT[:LEXICALSCALE][:unbalanced],…]   (default: a small grid)
 */
import { OrgChart } from '@pushpull/org';
import { simulateOrganisation } from '@pushpull/simulator';
import { type ClassifiedItem, classifyCorpus } from '../eval/classify-corpus';
import { measureCorpus } from '../eval/corpus-figures';
import type { GoldLabel } from '../eval/corpus-label';
import { classifyEvent } from '../src/classify-event';
import { InMemoryConversationMemory } from '../src/in-memory-conversation-memory';
import { type ClassifierModel, classifierModelFrom } from '../src/model/classifier-model';
import { threadFold } from './thread-fold';
import { fitModels, loadTrainingData, TRAINING, type TrainingOptions } from './train-classifier';

const grid = (process.argv[2] ?? '1e-4:0.1,1e-4:0.25,3e-4:0.25,1e-4:0.25:unbalanced')
  .split(',')
  .map((cell) => cell.split(':'))
  .map((cell) => ({
    l2: Number(cell[0]),
    simulatorWeight: Number(cell[1]),
    lexicalScale: cell[2] !== undefined && cell[2] !== 'unbalanced' ? Number(cell[2]) : undefined,
    balanceClasses: !cell.includes('unbalanced'),
  }));
const data = loadTrainingData((line) => process.stderr.write(`${line}\n`));
const pool = data.ruled.filter((r) => r.item.split === 'train');

function simulatorMisses(model: ClassifierModel): number {
  const sim = simulateOrganisation({ seed: 42, people: 60, days: 45, start: '2026-03-02' });
  const org = OrgChart.fromRows(sim.org);
  const memory = new InMemoryConversationMemory();
  let misses = 0;
  for (const event of sim.events) {
    const label = classifyEvent(event, { org, memory, model });
    const truth = sim.truth.events[event.id];
    if (label.mode !== truth?.mode || label.initiative !== truth?.initiative) misses++;
  }
  return misses;
}

for (const { l2, simulatorWeight, lexicalScale, balanceClasses } of grid) {
  const scale = (o: TrainingOptions['mode']) => ({ ...o, lexicalScale: lexicalScale ?? o.lexicalScale });
  const options: TrainingOptions = {
    ...TRAINING,
    mode: scale({ ...TRAINING.mode, l2, balanceClasses }),
    initiative: scale({ ...TRAINING.initiative, l2, balanceClasses }),
    simulatorWeight,
  };
  const predicted: ClassifiedItem[] = [];
  for (let k = 0; k < 4; k++) {
    const model = classifierModelFrom(
      fitModels(
        data,
        pool.filter((r) => threadFold(r.item.thread) !== k),
        [],
        options,
      ),
    );
    predicted.push(
      ...classifyCorpus(
        pool.filter((r) => threadFold(r.item.thread) === k).map((r) => r.item),
        model,
      ),
    );
  }
  const f = measureCorpus(predicted, (id) => data.gold(id) as GoldLabel);
  const misses = simulatorMisses(classifierModelFrom(fitModels(data, pool, [], options)));
  process.stdout.write(
    `l2 ${l2} simulator ${simulatorWeight} wording ×${options.mode.lexicalScale ?? 1}${balanceClasses ? '' : ' unbalanced'}: macro-F1 ${f.all.macroF1.toFixed(3)} (email ${f.email.macroF1.toFixed(3)}, ` +
      `chat ${f.chat.macroF1.toFixed(3)}, github ${f.github.macroF1.toFixed(3)}), neutral F1 ${f.all.f1.neutral.toFixed(3)}, ` +
      `initiative ${f.all.initiativeAccuracy.toFixed(3)} (email ${f.email.initiativeAccuracy.toFixed(3)}, chat ${f.chat.initiativeAccuracy.toFixed(3)}, ` +
      `github ${f.github.initiativeAccuracy.toFixed(3)}), ECE ${f.all.ece.toFixed(3)}; simulated messages off their truth: ${misses}\n`,
  );
}
