/**
 * Gathers the supplement's single annotation pass into `corpus/supplement/labels.jsonl`.
 *
 *   npx tsx packages/classifier/corpus/tools/collect-supplement.ts ANNOTATION_DIR
 *
 * Reads ANNOTATION_DIR/labels/<annotator>/*.jsonl; fails naming the first supplement item without a
 * label, or an item labelled twice.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CorpusLabel, CorpusLabelSchema } from '../../eval/corpus-label';
import { CORPUS_DIRECTORY, loadCorpusItems, readJsonLines } from '../../eval/load-corpus';

const dir = process.argv[2] ?? '';
if (!dir) {
  console.error('usage: collect-supplement.ts ANNOTATION_DIR');
  process.exit(2);
}
const labels = new Map<string, CorpusLabel>();
for (const annotator of readdirSync(join(dir, 'labels')).sort()) {
  for (const file of readdirSync(join(dir, 'labels', annotator))
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    for (const label of readJsonLines(join(dir, 'labels', annotator, file), CorpusLabelSchema)) {
      if (labels.has(label.id)) throw new Error(`${annotator}/${file}: ${label.id} labelled twice`);
      labels.set(label.id, label);
    }
  }
}
const supplementDir = join(CORPUS_DIRECTORY, 'supplement');
const items = loadCorpusItems(supplementDir);
const missing = items.find((i) => !labels.has(i.id));
if (missing) throw new Error(`supplement item ${missing.id} has no label`);
const rows = items
  .map((i) => labels.get(i.id) as CorpusLabel)
  .sort((a, b) => a.id.localeCompare(b.id))
  .map((l) => JSON.stringify({ id: l.id, mode: l.mode, init: l.init, conf: l.conf }));
writeFileSync(join(supplementDir, 'labels.jsonl'), `${rows.join('\n')}\n`);
console.log(`supplement: ${rows.length} labels`);
