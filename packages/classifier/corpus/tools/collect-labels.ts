/**
 * Gathers the two independent annotation passes into the corpus and prepares the adjudication of their
 * disagreements.
 *
 *   npx tsx packages/classifier/corpus/tools/collect-labels.ts ANNOTATION_DIR [--extension | --fresh]
 *
 * ANNOTATION_DIR/labels/A*\/*.jsonl is pass A, ANNOTATION_DIR/labels/B*\/*.jsonl pass B (each folder one
 * annotator's batches). Writes `corpus/labels/annotator-a.jsonl` and `annotator-b.jsonl` (sorted by id),
 * prints Cohen's kappa per source, and writes ANNOTATION_DIR/disagreements.json (the ids to adjudicate).
 * With `--extension` it does the same for the test extension: its items (`corpus/extension/items`), its
 * labels (`corpus/extension/labels/annotator-{a,b}.jsonl`); the corpus's labels are not touched. Fails on a
 * label for an item that is not in the part being collected.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cohenKappa } from '../../eval/cohen-kappa';
import { type CorpusLabel, CorpusLabelSchema } from '../../eval/corpus-label';
import { loadCorpusItems, readJsonLines } from '../../eval/load-corpus';
import { corpusPart } from './corpus-part';

const [dir = '', ...rest] = process.argv.slice(2);
if (!dir || dir.startsWith('--')) {
  console.error('usage: collect-labels.ts ANNOTATION_DIR [--extension | --fresh]');
  process.exit(2);
}
/** The part of the corpus whose labels are collected: the corpus itself, its test extension or the fresh test set. */
const part = corpusPart(rest);
const partDir = part.dir;

function pass(prefix: string): Map<string, CorpusLabel> {
  const labels = new Map<string, CorpusLabel>();
  for (const annotator of readdirSync(join(dir, 'labels'))
    .filter((d) => d.startsWith(prefix))
    .sort()) {
    for (const file of readdirSync(join(dir, 'labels', annotator))
      .filter((f) => f.endsWith('.jsonl'))
      .sort()) {
      for (const label of readJsonLines(join(dir, 'labels', annotator, file), CorpusLabelSchema)) {
        if (labels.has(label.id))
          throw new Error(`${annotator}/${file}: ${label.id} labelled twice in pass ${prefix}`);
        labels.set(label.id, label);
      }
    }
  }
  return labels;
}

const items = loadCorpusItems(partDir);
const a = pass('A');
const b = pass('B');
const itemIds = new Set(items.map((i) => i.id));
for (const [name, labels] of [
  ['A', a],
  ['B', b],
] as const) {
  const stray = [...labels.keys()].find((id) => !itemIds.has(id));
  if (stray) throw new Error(`pass ${name} labels ${stray}, which is not an item of ${part.name}`);
}
for (const item of items) {
  if (!a.has(item.id)) throw new Error(`pass A has no label for ${item.id}`);
  if (!b.has(item.id)) throw new Error(`pass B has no label for ${item.id}`);
}
mkdirSync(join(partDir, 'labels'), { recursive: true });
const write = (name: string, labels: Map<string, CorpusLabel>) =>
  writeFileSync(
    join(partDir, 'labels', name),
    `${[...labels.values()]
      .sort((x, y) => x.id.localeCompare(y.id))
      .map((l) => JSON.stringify({ id: l.id, mode: l.mode, init: l.init, conf: l.conf }))
      .join('\n')}\n`,
  );
write('annotator-a.jsonl', a);
write('annotator-b.jsonl', b);

const disagreements: string[] = [];
for (const source of ['email', 'chat', 'github'] as const) {
  const mine = items.filter((i) => i.source === source);
  const mode = cohenKappa(mine.map((i) => [a.get(i.id)!.mode, b.get(i.id)!.mode] as const));
  const bothPush = mine.filter((i) => a.get(i.id)!.mode === 'push' && b.get(i.id)!.mode === 'push');
  const init = cohenKappa(bothPush.map((i) => [a.get(i.id)!.init ?? '', b.get(i.id)!.init ?? ''] as const));
  console.log(
    `${source}: ${mode.n} items, mode agreement ${mode.agreement.toFixed(3)}, kappa ${mode.kappa.toFixed(3)}; ` +
      `initiative on ${init.n} pushes both: agreement ${init.agreement.toFixed(3)}, kappa ${init.kappa.toFixed(3)}`,
  );
  for (const i of mine) {
    const x = a.get(i.id)!;
    const y = b.get(i.id)!;
    if (x.mode !== y.mode || x.init !== y.init) disagreements.push(i.id);
  }
}
writeFileSync(join(dir, 'disagreements.json'), `${JSON.stringify(disagreements)}\n`);
console.log(`${disagreements.length} items to adjudicate -> ${join(dir, 'disagreements.json')}`);
