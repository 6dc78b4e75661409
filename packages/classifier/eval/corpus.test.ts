import { describe, expect, it } from 'vitest';
import { cohenKappa } from './cohen-kappa';
import { CORPUS_SOURCES } from './corpus-item';
import {
  EXTENSION_DIRECTORY,
  FRESH_DIRECTORY,
  loadCorpus,
  loadCorpusItems,
  loadSupplement,
} from './load-corpus';

const corpus = loadCorpus();
const supplement = loadSupplement();

describe('the labelled corpus', () => {
  it('holds at least 4,000 real messages, at least 1,200 of each source, every class in each', () => {
    expect(corpus.items.length).toBeGreaterThanOrEqual(4000);
    for (const source of CORPUS_SOURCES) {
      const mine = corpus.items.filter((i) => i.source === source);
      expect(mine.length, source).toBeGreaterThanOrEqual(1200);
      expect(new Set(mine.map((i) => corpus.gold.get(i.id)?.mode)), source).toEqual(
        new Set(['push', 'pull', 'neutral']),
      );
    }
    expect(new Set(corpus.items.map((i) => i.id)).size).toBe(corpus.items.length);
  });

  it('sets at least a quarter aside as the test split, at least 300 of each source, whole threads only', () => {
    const test = corpus.items.filter((i) => i.split === 'test');
    expect(test.length / corpus.items.length).toBeGreaterThanOrEqual(0.25);
    for (const source of CORPUS_SOURCES) {
      expect(test.filter((i) => i.source === source).length, source).toBeGreaterThanOrEqual(300);
    }
    const splitOfThread = new Map<string, string>();
    for (const item of corpus.items) {
      const seen = splitOfThread.get(item.thread);
      if (seen !== undefined) expect(item.split, item.thread).toBe(seen);
      splitOfThread.set(item.thread, item.split);
    }
  });

  it('has two independent labels for every item and a gold that follows them or the adjudication', () => {
    for (const item of corpus.items) {
      const a = corpus.annotatorA.get(item.id);
      const b = corpus.annotatorB.get(item.id);
      const gold = corpus.gold.get(item.id);
      expect(a && b && gold, item.id).toBeTruthy();
      if (a?.mode === b?.mode && a?.init === b?.init) {
        expect(gold, item.id).toMatchObject({ mode: a?.mode, init: a?.init, by: 'agreed' });
      } else {
        expect(gold?.by, item.id).toBe('adjudicated');
      }
    }
  });

  it("keeps the annotators' agreement above kappa 0.75 in every source", () => {
    for (const source of CORPUS_SOURCES) {
      const pairs = corpus.items
        .filter((i) => i.source === source)
        .map(
          (i) => [corpus.annotatorA.get(i.id)?.mode ?? '', corpus.annotatorB.get(i.id)?.mode ?? ''] as const,
        );
      expect(cohenKappa(pairs).kappa, source).toBeGreaterThan(0.75);
    }
  });

  it('keeps the supplement out of every corpus thread it could leak into, and in train only', () => {
    const threads = new Set(corpus.items.map((i) => i.thread));
    const heldOutArya = new Set(
      corpus.items.filter((i) => i.origin === 'arya' && i.split !== 'train').map((i) => i.thread),
    );
    const records = new Set(corpus.items.map((i) => `${i.origin}:${i.record}`));
    for (const item of supplement.items) {
      expect(item.split, item.id).toBe('train');
      expect(supplement.labels.has(item.id), item.id).toBe(true);
      expect(records.has(`${item.origin}:${item.record}`), item.id).toBe(false);
      const base = item.thread.replace(/#supplement$/, '');
      if (item.origin === 'arya') expect(heldOutArya.has(base), item.id).toBe(false);
      else expect(threads.has(base), item.id).toBe(false);
    }
  });

  it.each([
    ['the test extension', EXTENSION_DIRECTORY, 2000],
    ['the fresh test set', FRESH_DIRECTORY, 900],
  ])('adds %s: whole threads no other part holds, all in test, labelled', (_, dir, atLeast) => {
    const part = loadCorpusItems(dir);
    expect(part.length).toBeGreaterThanOrEqual(atLeast);
    const partIds = new Set(part.map((e) => e.id));
    const otherItems = corpus.items.filter((i) => !partIds.has(i.id));
    const otherThreads = new Set(otherItems.map((i) => i.thread));
    const otherRecords = new Set([...otherItems, ...supplement.items].map((i) => `${i.origin}:${i.record}`));
    const supplementThreads = new Set(supplement.items.map((i) => i.thread.replace(/#supplement$/, '')));
    for (const item of part) {
      expect(item.split, item.id).toBe('test');
      expect(corpus.gold.has(item.id), item.id).toBe(true);
      expect(otherThreads.has(item.thread), item.id).toBe(false);
      expect(supplementThreads.has(item.thread), item.id).toBe(false);
      expect(otherRecords.has(`${item.origin}:${item.record}`), item.id).toBe(false);
    }
  });
});
