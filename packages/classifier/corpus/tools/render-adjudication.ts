/**
 * Renders the items two annotators disagreed on for a third, adjudicating pass: each item with the
 * earlier messages of its thread and the two labels as "label 1" and "label 2" in a seeded random
 * order (so the adjudicator cannot tell which pass said what). No classifier output is shown.
 *
 *   npx tsx packages/classifier/corpus/tools/render-adjudication.ts ANNOTATION_DIR [--parts 3] [--extension | --fresh]
 *
 * Reads ANNOTATION_DIR/disagreements.json (from collect-labels.ts) and writes
 * ANNOTATION_DIR/adjudication/part-N.txt. With `--extension`, the items and the two passes' labels are the
 * test extension's (`corpus/extension`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '@pushpull/simulator';
import { type CorpusLabel, CorpusLabelSchema } from '../../eval/corpus-label';
import { groupBy } from '../../eval/group-by';
import { loadCorpusItems, readJsonLines } from '../../eval/load-corpus';
import { corpusPart } from './corpus-part';
import { clip, renderItem, threadHeader } from './render-item';

const [dir, ...rest] = process.argv.slice(2);
if (!dir || dir.startsWith('--')) {
  console.error('usage: render-adjudication.ts ANNOTATION_DIR [--parts N] [--extension | --fresh]');
  process.exit(2);
}
const partDir = corpusPart(rest).dir;
const partsAt = rest.indexOf('--parts');
const parts = partsAt >= 0 ? Number(rest[partsAt + 1]) : 3;
const CONTEXT = 8;

const ids = JSON.parse(readFileSync(join(dir, 'disagreements.json'), 'utf8')) as string[];
const items = loadCorpusItems(partDir);
const pass = (name: string) =>
  new Map(readJsonLines(join(partDir, 'labels', name), CorpusLabelSchema).map((l) => [l.id, l]));
const annotatorA = pass('annotator-a.jsonl');
const annotatorB = pass('annotator-b.jsonl');
const threads = groupBy(items, (i) => i.thread);
const byId = new Map(items.map((i) => [i.id, i]));
const rng = createRng(7);
const show = (l: CorpusLabel) => `${l.mode}${l.init ? ` / ${l.init}` : ''}`;

const blocks = ids.map((id) => {
  const item = byId.get(id);
  if (!item) throw new Error(`unknown item ${id}`);
  const thread = threads.get(item.thread) ?? [];
  const earlier = thread.slice(Math.max(0, item.position - CONTEXT), item.position);
  const labels = rng.shuffle([annotatorA.get(id), annotatorB.get(id)]) as CorpusLabel[];
  const context = earlier.length
    ? `  (earlier in the thread, context only:)\n${earlier.map((e) => `  | ${clip(renderItem(e), 400).replace(/\n/g, '\n  | ')}`).join('\n')}\n`
    : '';
  return `##### ITEM ${id}   ${threadHeader(item)}\n${context}\n>>> THE ITEM TO DECIDE:\n${renderItem(item)}\n    label 1: ${show(labels[0] as CorpusLabel)}\n    label 2: ${show(labels[1] as CorpusLabel)}\n`;
});

mkdirSync(join(dir, 'adjudication'), { recursive: true });
const per = Math.ceil(blocks.length / parts);
for (let p = 0; p < parts; p++) {
  writeFileSync(
    join(dir, 'adjudication', `part-${p + 1}.txt`),
    `${blocks.slice(p * per, (p + 1) * per).join('\n')}\n`,
  );
  console.log(`part-${p + 1}: ${Math.min(per, blocks.length - p * per)} items`);
}
