/**
 * `npm run eval`: classifies the development set (eval/data/*.jsonl) and prints macro-F1, per-class
 * scores, confusion matrices and initiative accuracy per split and source, beside the question-mark
 * baseline. `--errors [dev|check]` also lists the misclassified items of a split (default dev).
 */
import { CLASSIFIER_VERSION } from '../src/classifier-version';
import { type EvalResult, report, runEvaluation } from './evaluate';
import { formatReport } from './format-report';
import { loadDevSet } from './load-dev-set';

const { items, org, directory } = loadDevSet();
const results = runEvaluation(items, { org, directory });

process.stdout.write(
  `pushpull classifier ${CLASSIFIER_VERSION} on the development set (${items.length} items)\n\n`,
);
process.stdout.write(formatReport(report(results)));

const at = process.argv.indexOf('--errors');
if (at >= 0) {
  const split = process.argv[at + 1] === 'check' ? 'check' : 'dev';
  process.stdout.write(`misclassified items of the ${split} split:\n`);
  for (const r of results.filter((x) => x.split === split && isWrong(x))) {
    const text = `${r.item.subject ? `[${r.item.subject}] ` : ''}${r.item.text ?? ''}`.replace(/\s+/g, ' ');
    process.stdout.write(
      `${r.item.id} gold ${r.item.mode}/${r.item.init ?? '-'} got ${r.label.mode}/${r.label.initiative ?? '-'} ` +
        `(${r.label.reasons.join(',')}) ${text.slice(0, 160)}\n`,
    );
  }
}

function isWrong(r: EvalResult): boolean {
  return r.item.mode !== r.label.mode || (r.item.init !== null && r.item.init !== r.label.initiative);
}
