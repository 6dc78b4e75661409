import { readFileSync } from 'node:fs';
import { isPushpullError, SOURCES } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../eval/load-corpus';
import { CLASSIFIER_VERSION } from '../classifier-version';
import { defaultClassifierModel, INITIATIVE_CLASSES, MODE_CLASSES } from './classifier-model';
import { CORPUS_SOURCE_OF, CORPUS_SOURCES, corpusSourceOf } from './corpus-source';
import { ACCURACY_FILE_URL, publishedConfusion, publishedConfusionFrom } from './published-confusion';

const total = (counts: readonly (readonly number[])[]) => counts.flat().reduce((a, b) => a + b, 0);
const rowSums = (counts: readonly (readonly number[])[]) =>
  counts.map((row) => row.reduce((a, b) => a + b, 0));
const committedFile = () => JSON.parse(readFileSync(ACCURACY_FILE_URL, 'utf8'));

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return isPushpullError(err) ? `${err.code}: ${err.message}` : String(err);
  }
  return 'no error';
}

describe('publishedConfusion', () => {
  it('is the committed model’s: this version, the three corpus sources, a 3×3 mode and a 2×2 initiative matrix', () => {
    const published = publishedConfusion();
    expect(published.version).toBe(CLASSIFIER_VERSION);
    expect(published.version).toBe(defaultClassifierModel().version);
    expect(Object.keys(published.sources)).toEqual([...CORPUS_SOURCES]);
    for (const source of CORPUS_SOURCES) {
      const { mode, initiative } = published.sources[source];
      expect(mode.labels).toEqual([...MODE_CLASSES]);
      expect(mode.counts.map((row) => row.length)).toEqual([3, 3, 3]);
      expect(initiative.labels).toEqual(['responsive', 'proactive']);
      expect(initiative.labels).toEqual([...INITIATIVE_CLASSES]);
      expect(initiative.counts.map((row) => row.length)).toEqual([2, 2]);
      for (const n of [...mode.counts.flat(), ...initiative.counts.flat()])
        expect(Number.isInteger(n) && n >= 0).toBe(true);
    }
    expect(publishedConfusion()).toBe(published);
    expect(Object.isFrozen(published.sources.chat.mode.counts[0])).toBe(true);
  });

  it('counts every test-split item once per source, each mode row its gold class, initiative within the gold pushes', () => {
    const corpus = loadCorpus();
    const published = publishedConfusion();
    for (const source of CORPUS_SOURCES) {
      const gold = corpus.items
        .filter((i) => i.split === 'test' && i.source === source)
        .map((i) => corpus.gold.get(i.id)!);
      const { mode, initiative } = published.sources[source];
      expect(total(mode.counts), source).toBe(gold.length);
      expect(rowSums(mode.counts), source).toEqual(
        MODE_CLASSES.map((m) => gold.filter((g) => g.mode === m).length),
      );
      // Initiative: gold pushes with a clear initiative that were predicted push, so each row is at most
      // the gold pushes of that initiative, and the whole at most the gold pushes predicted push, at
      // least those less the gold pushes whose initiative is unclear.
      const rows = rowSums(initiative.counts);
      INITIATIVE_CLASSES.forEach((init, i) => {
        expect(rows[i], `${source} ${init}`).toBeLessThanOrEqual(gold.filter((g) => g.init === init).length);
      });
      const pushesPredictedPush = mode.counts[0]![0]!;
      const unclear = gold.filter((g) => g.init === 'unclear').length;
      expect(total(initiative.counts)).toBeLessThanOrEqual(pushesPredictedPush);
      expect(total(initiative.counts)).toBeGreaterThanOrEqual(pushesPredictedPush - unclear);
    }
  });

  it('agrees with the rest of the accuracy file: its diagonal is the initiative accuracy’s correct count', () => {
    const file = committedFile();
    for (const source of CORPUS_SOURCES) {
      const { counts } = publishedConfusion().sources[source].initiative;
      expect(counts[0]![0]! + counts[1]![1]!, source).toBe(file.sources[source].initiative.correct);
      expect(total(counts), source).toBeLessThanOrEqual(file.sources[source].initiative.total);
    }
    expect(CORPUS_SOURCES.reduce((n, s) => n + total(publishedConfusion().sources[s].mode.counts), 0)).toBe(
      file.items,
    );
  });

  it('refuses a stale or malformed file with CLASSIFIER_BAD_ACCURACY naming what is wrong', () => {
    const file = committedFile();
    expect(codeOf(() => publishedConfusionFrom({ ...file, version: '0.0.1' }))).toMatch(
      /^CLASSIFIER_BAD_ACCURACY: the published accuracy is for classifier 0\.0\.1, not /,
    );
    const { initiativeConfusion: _, ...withoutInitiative } = file.sources.chat;
    expect(
      codeOf(() =>
        publishedConfusionFrom({ ...file, sources: { ...file.sources, chat: withoutInitiative } }),
      ),
    ).toMatch(/^CLASSIFIER_BAD_ACCURACY: bad published accuracy: sources\.chat\.initiativeConfusion/);
    const swapped = { ...file.sources.email.initiativeConfusion, labels: ['proactive', 'responsive'] };
    expect(
      codeOf(() =>
        publishedConfusionFrom({
          ...file,
          sources: { ...file.sources, email: { ...file.sources.email, initiativeConfusion: swapped } },
        }),
      ),
    ).toMatch(/initiativeConfusion\.labels: labels must be responsive, proactive/);
    expect(
      codeOf(() =>
        publishedConfusionFrom({
          ...file,
          sources: { ...file.sources, github: { ...file.sources.github, items: 1 } },
        }),
      ),
    ).toMatch(/sources\.github\.confusion: the mode counts must add up to the items/);
  });
});

describe('corpusSourceOf', () => {
  it('maps every event source of @pushpull/core to the corpus source its accuracy is published for', () => {
    expect(CORPUS_SOURCE_OF).toEqual({ outlook: 'email', slack: 'chat', github: 'github' });
    expect(Object.keys(CORPUS_SOURCE_OF).sort()).toEqual([...SOURCES].sort());
    for (const source of SOURCES) {
      expect(corpusSourceOf(source)).toBe(CORPUS_SOURCE_OF[source]);
      expect(publishedConfusion().sources[corpusSourceOf(source)].mode.counts).toHaveLength(3);
    }
  });
});
