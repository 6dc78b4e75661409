import { describe, expect, it } from 'vitest';
import { parseEvalItems } from './eval-item';
import { figures, initiativeScore, report, runEvaluation } from './evaluate';
import { loadDevSet } from './load-dev-set';

describe('initiativeScore', () => {
  it('counts exact matches; a push labelled otherwise (null) is wrong', () => {
    expect(
      initiativeScore([
        ['responsive', 'responsive'],
        ['proactive', null],
        ['proactive', 'proactive'],
        ['responsive', 'proactive'],
      ]),
    ).toEqual({ correct: 2, total: 4, accuracy: 0.5 });
    expect(initiativeScore([])).toEqual({ correct: 0, total: 0, accuracy: 0 });
  });
});

describe('runEvaluation and figures', () => {
  const { org, directory } = loadDevSet();
  const items = parseEvalItems(
    [
      {
        id: 'c001',
        conv: 'q',
        from: 'tom',
        to: ['ana'],
        ch: 'im',
        text: 'can you send me the deploy logs?',
        mode: 'pull',
        init: null,
      },
      {
        id: 'c002',
        conv: 'q',
        from: 'ana',
        to: ['tom'],
        ch: 'im',
        text: 'here: https://logs.example/1',
        mode: 'push',
        init: 'responsive',
      },
      {
        id: 'c003',
        conv: 'q',
        from: 'tom',
        to: ['ana'],
        ch: 'im',
        text: 'thanks!',
        mode: 'neutral',
        init: null,
      },
    ]
      .map((o) => JSON.stringify({ ...o, why: 'test', src: 'written' }))
      .join('\n'),
    'chat',
  );
  const results = runEvaluation(items, { org, directory });

  it('classifies in order with one memory, so an answer after a pull is responsive', () => {
    expect(results.map((r) => [r.label.mode, r.label.initiative])).toEqual([
      ['pull', null],
      ['push', 'responsive'],
      ['neutral', null],
    ]);
    expect(results.map((r) => r.baseline.mode)).toEqual(['pull', 'push', 'push']);
  });

  it('scores the classifier and the baseline side by side', () => {
    const f = figures(results);
    expect(f.items).toBe(3);
    expect(f.macroF1).toBe(1);
    expect(f.initiative).toEqual({ correct: 1, total: 1, accuracy: 1 });
    // baseline: pull ok, push ok, neutral → push: push P 1/2 R 1, pull 1, neutral 0
    expect(f.baseline.macroF1).toBeCloseTo((2 / 3 + 1 + 0) / 3, 10);
    expect(f.baseline.initiative.accuracy).toBe(0);
  });

  it('groups by split and source', () => {
    const r = report(results);
    const split = results[0]!.split;
    expect(r[split].chat.items).toBe(3);
    expect(r[split].email.items).toBe(0);
    expect(r[split === 'dev' ? 'check' : 'dev'].all.items).toBe(0);
  });
});
