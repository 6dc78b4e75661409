import { escapeHtml } from './escape-html';
import type { WeeklySeries } from './review-model';
import { colorOf, num, type PlotBox, plotted, svgOpen, yGrid, yOf } from './svg-parts';

/** Options of `weeklyChartSvg`. */
export interface WeeklyChartOptions {
  /** The chart's id (`data-chart`), e.g. `weekly-push-share`. */
  chart: string;
  /** Accessible name, e.g. "Push share per direction by week". */
  title: string;
  /** Mondays `YYYY-MM-DD`, one per point of every series. */
  weeks: readonly string[];
  series: readonly WeeklySeries[];
  /** The y axis, e.g. "push share". */
  yLabel: string;
  width?: number;
  height?: number;
}

const MARGIN = { left: 46, right: 12, top: 30, bottom: 30 };

/**
 * The dashboard's weekly trend as an inline SVG string: one line per series on a 0–100% axis, weeks
 * without a rated figure left as gaps (never drawn as a number), and each series' interval as a shaded
 * band around its line (an error bar where a week stands alone). Pure: the same input gives the same
 * markup.
 *
 * @example
 * const svg = weeklyChartSvg({ chart: 'weekly-push-share', title: 'Push share by week', weeks, yLabel: 'push share',
 *   series: [{ name: 'up', points }] });
 */
export function weeklyChartSvg(options: WeeklyChartOptions): string {
  const width = options.width ?? 680;
  const height = options.height ?? 240;
  const box: PlotBox = {
    left: MARGIN.left,
    top: MARGIN.top,
    width: width - MARGIN.left - MARGIN.right,
    height: height - MARGIN.top - MARGIN.bottom,
  };
  const n = options.weeks.length;
  const xAt = (i: number) => box.left + (n <= 1 ? box.width / 2 : (box.width * i) / (n - 1));
  const parts: string[] = [svgOpen(options.chart, width, height, options.title), yGrid(box)];
  parts.push(
    `<text x="12" y="${num(box.top + box.height / 2)}" class="axis" text-anchor="middle" transform="rotate(-90 12 ${num(box.top + box.height / 2)})">${escapeHtml(options.yLabel)}</text>`,
  );
  const every = Math.max(1, Math.ceil(n / 7));
  options.weeks.forEach((week, i) => {
    if (i % every !== 0) return;
    parts.push(
      `<text x="${num(xAt(i))}" y="${num(box.top + box.height + 16)}" class="tick" text-anchor="${n > 1 && i === n - 1 ? 'end' : 'middle'}">${escapeHtml(week.slice(5))}</text>`,
    );
  });
  let anyInterval = false;
  options.series.forEach((s, k) => {
    const color = colorOf(k);
    const pts = options.weeks.map((_, i) => {
      const p = s.points[i];
      return p ? plotted(p) : null;
    });
    const out: string[] = [];
    // Contiguous runs of plotted weeks: a band (or a bar for a lone week) and a line each.
    let run: { i: number; value: number; low: number | null; high: number | null }[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const withInterval = run.filter((p) => p.low !== null && p.high !== null);
      if (withInterval.length === run.length && run.length > 1) {
        anyInterval = true;
        const upper = run.map((p) => `${num(xAt(p.i))},${num(yOf(box, p.high as number))}`);
        const lower = [...run].reverse().map((p) => `${num(xAt(p.i))},${num(yOf(box, p.low as number))}`);
        out.push(
          `<polygon class="interval" points="${[...upper, ...lower].join(' ')}" fill="${color}" fill-opacity="0.14" stroke="none"/>`,
        );
      } else {
        for (const p of withInterval) {
          anyInterval = true;
          out.push(
            `<line class="interval" x1="${num(xAt(p.i))}" x2="${num(xAt(p.i))}" y1="${num(yOf(box, p.low as number))}" y2="${num(yOf(box, p.high as number))}" stroke="${color}" stroke-opacity="0.45" stroke-width="3"/>`,
          );
        }
      }
      if (run.length > 1) {
        const d = run.map((p, j) => `${j === 0 ? 'M' : 'L'}${num(xAt(p.i))},${num(yOf(box, p.value))}`);
        out.push(`<path d="${d.join('')}" fill="none" stroke="${color}" stroke-width="2"/>`);
      }
      for (const p of run) {
        out.push(`<circle cx="${num(xAt(p.i))}" cy="${num(yOf(box, p.value))}" r="2.6" fill="${color}"/>`);
      }
      run = [];
    };
    pts.forEach((p, i) => {
      if (p === null) flush();
      else run.push({ i, ...p });
    });
    flush();
    parts.push(`<g data-series="${escapeHtml(s.name)}">${out.join('')}</g>`);
  });
  // Legend along the top.
  let x = box.left;
  options.series.forEach((s, k) => {
    parts.push(
      `<rect x="${num(x)}" y="8" width="12" height="4" fill="${colorOf(k)}"/><text x="${num(x + 16)}" y="14" class="legend">${escapeHtml(s.name)}</text>`,
    );
    x += 24 + s.name.length * 6.5;
  });
  if (anyInterval) {
    const level = options.series.flatMap((s) => s.points).find((p) => p.level !== null)?.level ?? 0.9;
    parts.push(
      `<text x="${num(box.left + box.width)}" y="14" class="legend" text-anchor="end">shaded: ${Math.round(level * 100)}% interval</text>`,
    );
  }
  if (options.series.every((s) => s.points.every((p) => plotted(p) === null))) {
    parts.push(
      `<text x="${num(box.left + box.width / 2)}" y="${num(box.top + box.height / 2)}" class="empty" text-anchor="middle">not enough data in any week</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
