import { describe, expect, it } from 'vitest';
import { report, runEvaluation } from './evaluate';
import { formatReport } from './format-report';
import { loadDevSet } from './load-dev-set';

describe('formatReport', () => {
  it('prints both splits with per-source summaries, per-class scores and confusion matrices', () => {
    const { items, org, directory } = loadDevSet();
    const text = formatReport(report(runEvaluation(items, { org, directory })));
    expect(text).toMatch(/== dev split \(\d+ items\) — tuned on ==/);
    expect(text).toMatch(/== check split \(\d+ items\) — not tuned on ==/);
    for (const source of ['email', 'chat', 'github', 'all']) {
      expect(text).toMatch(
        new RegExp(
          `^${source}\\s+\\d+\\s+\\d\\.\\d{3} \\[\\d\\.\\d{3}\\]\\s+\\d\\.\\d{3} \\(\\d+/\\d+\\) \\[\\d\\.\\d{3}\\]$`,
          'm',
        ),
      );
      expect(text).toContain(`-- ${source}: per class, classifier [baseline]`);
    }
    expect(text).toMatch(/^ {2}neutral\s+\d\.\d{3} \[0\.000\]/m);
    expect(text).toContain('confusion, gold \\ predicted:');
  });
});
