/**
 * `npx tsx bench/classifier/labels-fingerprint.ts`: a SHA-256 of everything the classifier says about
 * the whole corpus (every split), to show a speed change changed no output. It hashes, for each item in
 * thread order, the label (mode, initiative, confidence, reasons, respondsTo, edges…), the rule features
 * and the wording feature ids, with the learned layer and with the rules alone, with the sentence cache
 * on and off; then the learned layer's labels of 20,000 simulated events. Prints the digest and how
 * many records it covers, no figure of any split: run it before and after, and compare.
 */
import { createHash } from 'node:crypto';
import {
  classifyEvent,
  defaultClassifierModel,
  InMemoryConversationMemory,
  SENTENCE_CACHE_SIZE,
  setSentenceCacheSize,
} from '@pushpull/classifier';
import { classifyCorpus, loadCorpusItems } from '@pushpull/classifier/eval';
import { OrgChart } from '@pushpull/org';
import { simulateEvents } from '../simulate-events';

const hash = createHash('sha256');
let records = 0;
const note = (value: unknown) => {
  hash.update(`${JSON.stringify(value)}\n`);
  records++;
};
const items = loadCorpusItems();
const model = defaultClassifierModel();
const { org: rows, events } = simulateEvents(20_000);
const org = OrgChart.fromRows(rows);
for (const size of [SENTENCE_CACHE_SIZE, 0]) {
  setSentenceCacheSize(size);
  for (const c of classifyCorpus(items, model)) note([c.item.id, c.label, c.features, c.words]);
  for (const c of classifyCorpus(items, null)) note([c.item.id, c.label]);
  const memory = new InMemoryConversationMemory();
  for (const e of events) note(classifyEvent(e, { org, memory, model }));
}
setSentenceCacheSize(SENTENCE_CACHE_SIZE);
process.stdout.write(`${hash.digest('hex')} (${records} records)\n`);
