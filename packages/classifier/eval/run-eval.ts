/**
 * `npm run eval`: measures the classifier on the frozen test split of the real corpus (`corpus/`) and
 * prints, per source, macro-F1, per-class F1, kappa with the gold, initiative accuracy and calibration,
 * beside the previous classifier (0.2.0: the rules alone) and the "? means pull" baseline; with the
 * annotators' own agreement first. Reads only the package's own files.
 *
 *   npm run eval                      the test split
 *   npm run eval -- --dev             also the dev split (the one tuned and calibrated on)
 *   npm run eval -- --dev-set         also the older, team-written development set (eval/data)
 *   npm run eval -- --errors          the dev split's misclassified items (never the test split's)
 */
import { CLASSIFIER_VERSION } from '../src/classifier-version';
import { defaultClassifierModel } from '../src/model/classifier-model';
import { classifyCorpus } from './classify-corpus';
import { cohenKappa } from './cohen-kappa';
import { measureCorpus } from './corpus-figures';
import { CORPUS_SOURCES, type CorpusSplit } from './corpus-item';
import { report, runEvaluation } from './evaluate';
import { formatCorpusReport } from './format-corpus-report';
import { formatReport } from './format-report';
import { FRESH_DIRECTORY, loadCorpus, loadCorpusItems } from './load-corpus';
import { loadDevSet } from './load-dev-set';

const PREVIOUS = '0.2.0';
const args = process.argv.slice(2);
const out = (s: string) => process.stdout.write(s);
const corpus = loadCorpus();
const gold = (id: string) => {
  const g = corpus.gold.get(id);
  if (!g) throw new Error(`corpus item ${id} has no gold label`);
  return g;
};
const model = defaultClassifierModel();

out(`pushpull classifier ${CLASSIFIER_VERSION} (learned layer ${model.version}) on the real corpus\n\n`);
const freshIds = new Set(loadCorpusItems(FRESH_DIRECTORY).map((i) => i.id));
out("== annotators: two independent passes, Cohen's kappa (before adjudication) ==\n");
for (const [part, inPart] of [
  ['all parts', () => true],
  ['fresh set', (id: string) => freshIds.has(id)],
] as const) {
  for (const source of CORPUS_SOURCES) {
    const items = corpus.items.filter((i) => i.source === source && inPart(i.id));
    const pair = (id: string) => [corpus.annotatorA.get(id), corpus.annotatorB.get(id)] as const;
    const mode = cohenKappa(
      items.map((i) => pair(i.id)).map(([a, b]) => [a?.mode ?? '', b?.mode ?? ''] as const),
    );
    const pushes = items.map((i) => pair(i.id)).filter(([a, b]) => a?.mode === 'push' && b?.mode === 'push');
    const init = cohenKappa(pushes.map(([a, b]) => [a?.init ?? '', b?.init ?? ''] as const));
    out(
      `${part.padEnd(10)}${source.padEnd(8)}${String(items.length).padStart(6)} items  mode kappa ${mode.kappa.toFixed(3)} ` +
        `(agreement ${mode.agreement.toFixed(3)})  initiative kappa ${init.kappa.toFixed(3)} on ${init.n} pushes\n`,
    );
  }
}
out('\n');

const splits: CorpusSplit[] = args.includes('--dev') ? ['dev', 'test'] : ['test'];
const parts = [
  ...splits.map((split) => ({
    items: corpus.items.filter((i) => i.split === split),
    title: (n: number) =>
      split === 'test'
        ? `test split (${n} items: the corpus's, frozen before any model or rule change, the extension labelled after 0.3.0 was trained and the fresh set labelled after 0.5.0; never tuned on)`
        : `dev split (${n} items, tuned and calibrated on)`,
  })),
  {
    items: corpus.items.filter((i) => freshIds.has(i.id)),
    title: (n: number) =>
      `fresh test set alone (${n} items, drawn and labelled on 2026-12-08 after 0.5.0, when its calibration was chosen; never tuned on)`,
  },
];
for (const { items, title } of parts) {
  const current = classifyCorpus(items, model);
  const previous = classifyCorpus(items, null);
  out(
    formatCorpusReport({
      title: title(items.length),
      current: measureCorpus(current, gold),
      previous: measureCorpus(previous, gold),
      version: CLASSIFIER_VERSION,
      previousVersion: PREVIOUS,
    }),
  );
  out('\n');
}

if (args.includes('--errors')) {
  out('misclassified items of the dev split:\n');
  for (const r of classifyCorpus(
    corpus.items.filter((i) => i.split === 'dev'),
    model,
  )) {
    const g = gold(r.item.id);
    if (g.mode === r.label.mode && (g.init === null || g.init === 'unclear' || g.init === r.label.initiative))
      continue;
    out(
      `${r.item.id} gold ${g.mode}/${g.init ?? '-'} got ${r.label.mode}/${r.label.initiative ?? '-'} ` +
        `${r.label.confidence} (${r.label.reasons.join(',')}) ${r.item.text.replace(/\s+/g, ' ').slice(0, 160)}\n`,
    );
  }
}

if (args.includes('--dev-set')) {
  const { items, org, directory } = loadDevSet();
  out(`the older development set (${items.length} items, mostly written by this team)\n\n`);
  out(formatReport(report(runEvaluation(items, { org, directory }))));
}
