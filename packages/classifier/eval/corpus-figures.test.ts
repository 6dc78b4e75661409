import type { Initiative, Mode } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import type { ClassifiedItem } from './classify-corpus';
import { measureCorpus } from './corpus-figures';
import type { CorpusSource } from './corpus-item';
import type { GoldLabel } from './corpus-label';

type Init = Initiative | 'unclear' | null;

/** One classified item with just what measureCorpus reads, and its gold. */
function row(
  id: string,
  source: CorpusSource,
  gold: [Mode, Init],
  predicted: [Mode, Initiative | null],
): { item: ClassifiedItem; gold: GoldLabel } {
  return {
    item: {
      item: { id, source, text: 'Done.' },
      label: { mode: predicted[0], initiative: predicted[1], confidence: 0.7 },
      features: [],
      words: [],
    } as unknown as ClassifiedItem,
    gold: { id, mode: gold[0], init: gold[1], by: 'agreed' },
  };
}

describe('measureCorpus: the initiative confusion', () => {
  it('counts only gold pushes with a clear initiative that were predicted push, rows gold', () => {
    const rows = [
      row('c0001', 'chat', ['push', 'responsive'], ['push', 'responsive']),
      row('c0002', 'chat', ['push', 'responsive'], ['push', 'proactive']),
      row('c0003', 'chat', ['push', 'proactive'], ['push', 'proactive']),
      row('c0004', 'chat', ['push', 'proactive'], ['pull', null]), // mode wrong: left to the mode's matrix
      row('c0005', 'chat', ['push', 'unclear'], ['push', 'responsive']), // no clear gold initiative
      row('c0006', 'chat', ['neutral', null], ['push', 'proactive']), // no gold initiative at all
      row('e0001', 'email', ['push', 'proactive'], ['push', 'responsive']),
    ];
    const gold = new Map(rows.map((r) => [r.gold.id, r.gold]));
    const figures = measureCorpus(
      rows.map((r) => r.item),
      (id) => gold.get(id)!,
    );
    expect(figures.chat.initiativeConfusion).toEqual({
      labels: ['responsive', 'proactive'],
      counts: [
        [1, 1],
        [0, 1],
      ],
    });
    expect(figures.chat.initiative).toEqual({ correct: 2, total: 4, accuracy: 0.5 });
    expect(figures.email.initiativeConfusion.counts).toEqual([
      [0, 0],
      [1, 0],
    ]);
    expect(figures.github.initiativeConfusion.counts).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(figures.all.initiativeConfusion.counts).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });
});
