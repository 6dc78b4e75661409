/**
 * Writes `corpus/labels/gold.jsonl`: the label both annotators gave where they agreed, the
 * adjudicator's decision where they did not.
 *
 *   npx tsx packages/classifier/corpus/tools/build-gold.ts ANNOTATION_DIR [--extension | --fresh]
 *
 * Reads ANNOTATION_DIR/adjudicated/*.jsonl ({id, mode, init, note}); fails naming the first item that
 * is disagreed on and not adjudicated, or a decision on an item that is not in the part being built. Also
 * writes `corpus/labels/adjudicated.jsonl` (the decisions with their one-line notes). With `--extension`
 * it reads and writes the test extension's labels instead (`corpus/extension/labels/`).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InitiativeSchema, ModeSchema } from '@pushpull/core';
import { z } from 'zod';
import { CorpusLabelSchema, type GoldLabel } from '../../eval/corpus-label';
import { loadCorpusItems, readJsonLines } from '../../eval/load-corpus';
import { corpusPart } from './corpus-part';

const [dir = '', ...rest] = process.argv.slice(2);
if (!dir || dir.startsWith('--')) {
  console.error('usage: build-gold.ts ANNOTATION_DIR [--extension | --fresh]');
  process.exit(2);
}
const partDir = corpusPart(rest).dir;
const DecisionSchema = z.object({
  id: z.string().regex(/^[ecg]\d{4,5}$/),
  mode: ModeSchema,
  init: z.union([InitiativeSchema, z.literal('unclear')]).nullable(),
  note: z.string().default(''),
});
const labels = (name: string) =>
  new Map(readJsonLines(join(partDir, 'labels', name), CorpusLabelSchema).map((l) => [l.id, l]));
const a = labels('annotator-a.jsonl');
const b = labels('annotator-b.jsonl');
const decisions = new Map<string, z.infer<typeof DecisionSchema>>();
for (const file of readdirSync(join(dir, 'adjudicated'))
  .filter((f) => f.endsWith('.jsonl'))
  .sort()) {
  for (const d of readJsonLines(join(dir, 'adjudicated', file), DecisionSchema)) {
    if ((d.mode === 'push') !== (d.init !== null))
      throw new Error(`${file}: ${d.id}: init must be set for push only`);
    decisions.set(d.id, d);
  }
}
const items = loadCorpusItems(partDir);
const itemIds = new Set(items.map((i) => i.id));
const stray = [...decisions.keys()].find((id) => !itemIds.has(id));
if (stray) throw new Error(`${stray} is adjudicated but is not an item of this part of the corpus`);
const gold: GoldLabel[] = [];
for (const item of items) {
  const x = a.get(item.id);
  const y = b.get(item.id);
  if (!x || !y) throw new Error(`${item.id} lacks an annotator's label`);
  if (x.mode === y.mode && x.init === y.init) {
    gold.push({ id: item.id, mode: x.mode, init: x.init, by: 'agreed' });
    continue;
  }
  const d = decisions.get(item.id);
  if (!d) throw new Error(`${item.id}: the annotators disagree and there is no adjudicated decision`);
  gold.push({ id: item.id, mode: d.mode, init: d.init, by: 'adjudicated' });
}
gold.sort((p, q) => p.id.localeCompare(q.id));
writeFileSync(join(partDir, 'labels', 'gold.jsonl'), `${gold.map((g) => JSON.stringify(g)).join('\n')}\n`);
writeFileSync(
  join(partDir, 'labels', 'adjudicated.jsonl'),
  `${[...decisions.values()]
    .sort((p, q) => p.id.localeCompare(q.id))
    .map((d) => JSON.stringify({ id: d.id, mode: d.mode, init: d.init, note: d.note }))
    .join('\n')}\n`,
);
const count = (f: (g: GoldLabel) => boolean) => gold.filter(f).length;
console.log(
  `gold: ${gold.length} items (${count((g) => g.by === 'agreed')} agreed, ${count((g) => g.by === 'adjudicated')} adjudicated); ` +
    `push ${count((g) => g.mode === 'push')}, pull ${count((g) => g.mode === 'pull')}, neutral ${count((g) => g.mode === 'neutral')}`,
);
