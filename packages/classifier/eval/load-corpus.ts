import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { CORPUS_SOURCES, type CorpusItem, CorpusItemSchema } from './corpus-item';
import { type CorpusLabel, CorpusLabelSchema, type GoldLabel, GoldLabelSchema } from './corpus-label';

/** The corpus as committed: items in thread order, both annotators' labels and the gold, by item id. */
export interface Corpus {
  items: CorpusItem[];
  annotatorA: Map<string, CorpusLabel>;
  annotatorB: Map<string, CorpusLabel>;
  gold: Map<string, GoldLabel>;
}

/**
 * Reads a JSON-lines file line by line through `schema`; a bad line fails with its file and line number.
 *
 * @example readJsonLines('corpus/items/chat.jsonl', CorpusItemSchema)
 */
export function readJsonLines<T>(path: string, schema: z.ZodType<T>): T[] {
  const out: T[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        throw new Error(`${path}:${i + 1}: not valid JSON (${(err as Error).message})`);
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success)
        throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      out.push(parsed.data);
    });
  return out;
}

/** The committed corpus folder, `packages/classifier/corpus`. */
export const CORPUS_DIRECTORY = fileURLToPath(new URL('../corpus/', import.meta.url));

const byId = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.id, r]));

/** The test extension (`corpus/extension`): held-out threads added after 0.3.0 was trained, all in test. */
export const EXTENSION_DIRECTORY = join(CORPUS_DIRECTORY, 'extension');

/**
 * The fresh test set (`corpus/fresh`): held-out threads drawn and labelled after 0.5.0, all in test, to
 * measure the calibration chosen then on text that nothing was tuned on.
 */
export const FRESH_DIRECTORY = join(CORPUS_DIRECTORY, 'fresh');

/**
 * Loads the committed corpus (`packages/classifier/corpus`, or `dir`) together with its held-out test
 * parts (`heldOut`: the extension and the fresh set; none for `dir` alone): items, both passes and the
 * gold of every part, as one corpus.
 *
 * @example const { items, gold } = loadCorpus(); gold.get(items[0].id)?.mode
 */
export function loadCorpus(
  dir = CORPUS_DIRECTORY,
  heldOut: readonly string[] = dir === CORPUS_DIRECTORY ? [EXTENSION_DIRECTORY, FRESH_DIRECTORY] : [],
): Corpus {
  const parts = [dir, ...heldOut].map(loadLabelledPart);
  return {
    items: parts.flatMap((p) => p.items),
    annotatorA: new Map(parts.flatMap((p) => [...p.annotatorA])),
    annotatorB: new Map(parts.flatMap((p) => [...p.annotatorB])),
    gold: new Map(parts.flatMap((p) => [...p.gold])),
  };
}

function loadLabelledPart(dir: string): Corpus {
  return {
    items: loadCorpusItems(dir),
    annotatorA: byId(readJsonLines(join(dir, 'labels', 'annotator-a.jsonl'), CorpusLabelSchema)),
    annotatorB: byId(readJsonLines(join(dir, 'labels', 'annotator-b.jsonl'), CorpusLabelSchema)),
    gold: byId(readJsonLines(join(dir, 'labels', 'gold.jsonl'), GoldLabelSchema)),
  };
}

/**
 * The corpus items alone, every source, each thread in order.
 *
 * @example loadCorpusItems().filter((i) => i.split === 'test').length
 */
export function loadCorpusItems(dir = CORPUS_DIRECTORY): CorpusItem[] {
  return CORPUS_SOURCES.flatMap((s) => readJsonLines(join(dir, 'items', `${s}.jsonl`), CorpusItemSchema));
}

/**
 * The train-only supplement (`corpus/supplement`): items drawn like the corpus's, labelled once.
 *
 * @example loadSupplement().labels.get(loadSupplement().items[0].id)?.mode
 */
export function loadSupplement(dir = join(CORPUS_DIRECTORY, 'supplement')): {
  items: CorpusItem[];
  labels: Map<string, CorpusLabel>;
} {
  return {
    items: loadCorpusItems(dir),
    labels: byId(readJsonLines(join(dir, 'labels.jsonl'), CorpusLabelSchema)),
  };
}
