/**
 * `npm run train`: fits the learned layer on the corpus's train split and the train-only supplement
 * (plus the simulator's messages), calibrates it on the train split (out of fold) and the dev split and writes
 * `model/classifier-model.json`; then measures the frozen test split and writes `model/accuracy.json`
 * (figures and confusion matrices per source, which the metrics use to correct their counts). Reads
 * only the package's own files. No randomness: two runs write the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatAccuracyFile, formatModelFile } from './model-files';
import { loadTrainingData, trainClassifier } from './train-classifier';

const MODEL_FILE = fileURLToPath(new URL('../model/classifier-model.json', import.meta.url));
const ACCURACY_FILE = fileURLToPath(new URL('../model/accuracy.json', import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);

if (process.argv.includes('--help')) {
  process.stdout.write(
    'usage: npm run train\n\nTrains the learned layer and writes model/classifier-model.json and model/accuracy.json.\n',
  );
  process.exit(0);
}
const started = performance.now();
const { file, accuracy } = trainClassifier(loadTrainingData(log));
writeFileSync(MODEL_FILE, formatModelFile(file));
writeFileSync(ACCURACY_FILE, formatAccuracyFile(accuracy));
log(
  `wrote ${MODEL_FILE}: mode ${Object.keys(file.mode.weights).length} structural + ${Object.keys(file.mode.lexical).length} ` +
    `wording features, initiative ${Object.keys(file.initiative.weights).length} + ${Object.keys(file.initiative.lexical).length}, ` +
    `temperatures ${file.mode.temperature} / ${file.initiative.temperature}`,
);
log(
  `wrote ${ACCURACY_FILE}: test split macro-F1 ${accuracy.sources.all.macroF1.toFixed(3)} on ${accuracy.items} items ` +
    `(${((performance.now() - started) / 1000).toFixed(0)} s)`,
);
