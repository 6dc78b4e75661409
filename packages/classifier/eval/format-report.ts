import { EVAL_SOURCES } from './eval-item';
import { EVAL_SPLITS } from './eval-split';
import type { EvalFigures, EvalReport } from './evaluate';

const f3 = (n: number) => n.toFixed(3);
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const lpad = (s: string | number, n: number) => String(s).padStart(n);

/**
 * The evaluation report as text: per split, a summary line per source and overall (macro-F1 and
 * initiative accuracy, the baseline in brackets), then per group the per-class precision / recall /
 * F1 beside the baseline's, and the confusion matrix (rows gold, columns predicted).
 *
 * @example process.stdout.write(formatReport(report(results)));
 */
export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  for (const split of EVAL_SPLITS) {
    const groups = report[split];
    lines.push(
      `== ${split} split (${groups.all.items} items)${split === 'check' ? ' — not tuned on' : ' — tuned on'} ==`,
    );
    lines.push(
      `${pad('source', 8)}${lpad('items', 6)}  ${pad('macro-F1 [baseline]', 22)}initiative accuracy [baseline]`,
    );
    for (const group of [...EVAL_SOURCES, 'all'] as const) lines.push(summaryLine(group, groups[group]));
    lines.push('');
    for (const group of [...EVAL_SOURCES, 'all'] as const) lines.push(...detail(group, groups[group]), '');
  }
  return `${lines.join('\n')}\n`;
}

function summaryLine(name: string, f: EvalFigures): string {
  const init = `${f3(f.initiative.accuracy)} (${f.initiative.correct}/${f.initiative.total}) [${f3(f.baseline.initiative.accuracy)}]`;
  return `${pad(name, 8)}${lpad(f.items, 6)}  ${pad(`${f3(f.macroF1)} [${f3(f.baseline.macroF1)}]`, 22)}${init}`;
}

function detail(name: string, f: EvalFigures): string[] {
  const out = [`-- ${name}: per class, classifier [baseline]`];
  out.push(`  ${pad('class', 9)}${pad('precision', 17)}${pad('recall', 17)}${pad('F1', 17)}support`);
  f.classes.forEach((c, i) => {
    const b = f.baseline.classes[i]!;
    out.push(
      `  ${pad(c.label, 9)}${pad(`${f3(c.precision)} [${f3(b.precision)}]`, 17)}${pad(`${f3(c.recall)} [${f3(b.recall)}]`, 17)}${pad(`${f3(c.f1)} [${f3(b.f1)}]`, 17)}${c.support}`,
    );
  });
  out.push(`  confusion, gold \\ predicted: ${f.modes.labels.map((l) => lpad(l, 8)).join('')}`);
  f.modes.labels.forEach((label, i) => {
    out.push(`  ${pad(label, 29)}${f.modes.counts[i]!.map((n) => lpad(n, 8)).join('')}`);
  });
  return out;
}
