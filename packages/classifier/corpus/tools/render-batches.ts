/**
 * Renders the corpus items as plain-text batches for annotators: whole threads, in order, with the
 * context a person needs (sender and title, recipients, subject, the start of a cut quoted part). No
 * label and no classifier output is ever written into a batch.
 *
 *   npx tsx packages/classifier/corpus/tools/render-batches.ts OUT_DIR [--size 130] [--supplement | --extension | --fresh]
 *
 * Renders the corpus, or the supplement (`corpus/supplement`), or the test extension (`corpus/extension`).
 * Writes OUT_DIR/batch-NN.txt and OUT_DIR/batches.json (batch -> item ids).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusItem } from '../../eval/corpus-item';
import { loadCorpusItems } from '../../eval/load-corpus';
import { corpusPart } from './corpus-part';
import { renderItem, threadHeader } from './render-item';

const [outDir, ...rest] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: render-batches.ts OUT_DIR [--size N] [--supplement | --extension | --fresh]');
  process.exit(2);
}
const sizeAt = rest.indexOf('--size');
const size = sizeAt >= 0 ? Number(rest[sizeAt + 1]) : 130;

const items = loadCorpusItems(corpusPart(rest).dir);

mkdirSync(outDir, { recursive: true });
const batches: Record<string, string[]> = {};
let current: CorpusItem[][] = [];
let count = 0;
const flush = () => {
  if (count === 0) return;
  const name = `batch-${String(Object.keys(batches).length + 1).padStart(2, '0')}`;
  batches[name] = current.flat().map((i) => i.id);
  const body = current.map(
    (thread) => `${threadHeader(thread[0] as CorpusItem)}\n\n${thread.map(renderItem).join('\n')}`,
  );
  writeFileSync(join(outDir, `${name}.txt`), `${body.join('\n\n')}\n`);
  current = [];
  count = 0;
};
let thread: CorpusItem[] = [];
for (const item of items) {
  if (thread.length > 0 && thread[0]?.thread !== item.thread) {
    current.push(thread);
    count += thread.length;
    thread = [];
    if (count >= size) flush();
  }
  thread.push(item);
}
current.push(thread);
count += thread.length;
flush();
writeFileSync(join(outDir, 'batches.json'), `${JSON.stringify(batches, null, 1)}\n`);
console.log(`${Object.keys(batches).length} batches of about ${size} items in ${outDir}`);
