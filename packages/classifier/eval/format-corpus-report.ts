import { MODES } from '@pushpull/core';
import type { CorpusFigures } from './corpus-figures';
import { CORPUS_SOURCES, type CorpusSource } from './corpus-item';

const f3 = (n: number) => (Number.isNaN(n) ? '  -  ' : n.toFixed(3));
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const lpad = (s: string | number, n: number) => String(s).padStart(n);

type Figures = Record<CorpusSource | 'all', CorpusFigures>;

/**
 * The corpus report as text: per source and overall, the classifier's macro-F1, per-class F1, kappa
 * with the gold and initiative accuracy, beside the previous classifier (the rules alone) and the
 * "? means pull" baseline; then the confusion matrices and the reliability table of the confidence.
 *
 * @example process.stdout.write(formatCorpusReport({ current, previous, version: '0.3.0', previousVersion: '0.2.0' }))
 */
export function formatCorpusReport(input: {
  title: string;
  current: Figures;
  previous: Figures;
  version: string;
  previousVersion: string;
}): string {
  const { current, previous } = input;
  const lines = [`== ${input.title} ==`];
  lines.push(
    `${pad('source', 8)}${lpad('items', 6)}  ${pad(`macro-F1 ${input.version} [${input.previousVersion}] {baseline}`, 36)}` +
      `${pad('F1 push / pull / neutral', 26)}${pad('kappa', 8)}${pad('initiative [prev] {base}', 26)}ECE`,
  );
  for (const s of [...CORPUS_SOURCES, 'all'] as const) {
    const c = current[s];
    const p = previous[s];
    lines.push(
      `${pad(s, 8)}${lpad(c.items, 6)}  ${pad(`${f3(c.macroF1)} [${f3(p.macroF1)}] {${f3(c.baseline.macroF1)}}`, 36)}` +
        `${pad(MODES.map((m) => f3(c.f1[m])).join(' / '), 26)}${pad(f3(c.kappa), 8)}` +
        `${pad(`${f3(c.initiativeAccuracy)} [${f3(p.initiativeAccuracy)}] {${f3(c.baseline.initiativeAccuracy)}}`, 26)}${f3(c.ece)}`,
    );
  }
  lines.push(
    '',
    `confusion matrices of ${input.version} (rows gold, columns predicted: ${MODES.join(', ')})`,
  );
  for (const s of [...CORPUS_SOURCES, 'all'] as const) {
    const rows = current[s].confusion.counts.map(
      (row, i) => `${MODES[i]} ${row.map((n) => lpad(n, 5)).join('')}`,
    );
    lines.push(`  ${pad(s, 7)} ${rows.join('  |  ')}`);
  }
  lines.push(
    '',
    `reliability of ${input.version}'s confidence (all sources): bin, items, mean confidence, accuracy`,
  );
  for (const b of current.all.reliability.filter((r) => r.count > 0)) {
    lines.push(
      `  ${b.from.toFixed(1)}-${b.to.toFixed(1)} ${lpad(b.count, 6)}  ${f3(b.meanConfidence)}  ${f3(b.accuracy)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
