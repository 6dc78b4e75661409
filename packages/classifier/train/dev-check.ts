/**
 * Figures on the dev split only (never test): fits the learned layer on the train split and the
 * supplement with the chosen options, classifies the dev items, prints macro-F1 per source, neutral F1
 * and initiative accuracy; with a file argument, also writes each misclassified dev item there with its
 * gold and predicted labels, its reasons and the two items before it in its thread.
 *
 *   npx tsx packages/classifier/train/dev-check.ts [/tmp/dev-errors.txt]
 */
import { writeFileSync } from 'node:fs';
import { classifyCorpus } from '../eval/classify-corpus';
import { measureCorpus } from '../eval/corpus-figures';
import type { GoldLabel } from '../eval/corpus-label';
import { groupBy } from '../eval/group-by';
import { classifierModelFrom } from '../src/model/classifier-model';
import { fitModels, loadTrainingData, TRAINING } from './train-classifier';

const data = loadTrainingData((l) => process.stderr.write(`${l}\n`));
const pool = data.ruled.filter((r) => r.item.split === 'train');
const devItems = data.corpus.items.filter((i) => i.split === 'dev');
const model = classifierModelFrom(fitModels(data, pool, [], TRAINING));
const out = classifyCorpus(devItems, model);
const f = measureCorpus(out, (id) => data.gold(id) as GoldLabel);
const fmt = (x: number) => x.toFixed(3);
process.stdout.write(
  `dev macro-F1 ${fmt(f.all.macroF1)} (email ${fmt(f.email.macroF1)}, chat ${fmt(f.chat.macroF1)}, github ${fmt(f.github.macroF1)}), neutral F1 ${fmt(f.all.f1.neutral)}, initiative ${fmt(f.all.initiativeAccuracy)} (email ${fmt(f.email.initiativeAccuracy)}, chat ${fmt(f.chat.initiativeAccuracy)}, github ${fmt(f.github.initiativeAccuracy)})\n`,
);
if (process.argv[2]) {
  const byThread = groupBy(devItems, (i) => i.thread);
  const lines: string[] = [];
  for (const c of out) {
    const g = data.gold(c.item.id);
    const modeWrong = g.mode !== c.label.mode;
    const initWrong =
      !modeWrong && g.mode === 'push' && g.init !== 'unclear' && g.init !== c.label.initiative;
    if (!modeWrong && !initWrong) continue;
    const prev = (byThread.get(c.item.thread) ?? []).filter((i) => i.position < c.item.position).slice(-2);
    lines.push(
      `== ${c.item.id} ${c.item.source}/${c.item.kind ?? ''} pos ${c.item.position} gold ${g.mode}/${g.init ?? '-'} pred ${c.label.mode}/${c.label.initiative ?? '-'} conf ${c.label.confidence} reasons ${c.label.reasons.join(',')}`,
      ...prev.map(
        (p) =>
          `   prev[${p.author ?? '?'}${p.byIssueAuthor ? ' (issue author)' : ''}]: ${p.text.slice(0, 200).replace(/\s+/g, ' ')} => ${data.gold(p.id).mode}`,
      ),
      `   [${c.item.author ?? '?'}${c.item.byIssueAuthor ? ' (issue author)' : ''}] ${c.item.subject ? `{${c.item.subject}} ` : ''}${c.item.text.slice(0, 500).replace(/\s+/g, ' ')}`,
    );
  }
  writeFileSync(process.argv[2], `${lines.join('\n')}\n`);
}
