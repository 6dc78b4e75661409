import { escapeHtml } from './escape-html';
import { shownValue } from './format-shown-ratio';
import type { ShownRatio } from './review-model';

/** The dashboard's series colours (services/dashboard/web/src/charts.ts), in the same order. */
export const CHART_COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c'] as const;

/** The shade of a target band (the dashboard's overview band). */
export const BAND_FILL = 'rgba(22, 163, 74, 0.12)';

/** A coordinate for SVG: one decimal, no trailing zeros. */
export function num(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** The colour of the i-th series. */
export function colorOf(i: number): string {
  return CHART_COLORS[i % CHART_COLORS.length] as string;
}

/** The point and interval a chart draws for a ratio: nothing unless it is rated. */
export function plotted(r: ShownRatio): { value: number; low: number | null; high: number | null } | null {
  const { value } = shownValue(r);
  if (!r.rated || value === null || Number.isNaN(value)) return null;
  return { value, low: r.low, high: r.high };
}

/** A plot area: pixel box and the maps from shares (0…1) to pixels. */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** y pixel of a share in a box (0 at the bottom, 1 at the top). */
export function yOf(box: PlotBox, share: number): number {
  return box.top + box.height * (1 - share);
}

/** x pixel of a share in a box (0 at the left, 1 at the right). */
export function xOf(box: PlotBox, share: number): number {
  return box.left + box.width * share;
}

/** Horizontal grid lines and percentage labels at 0, 25, 50, 75 and 100%. */
export function yGrid(box: PlotBox): string {
  return [0, 0.25, 0.5, 0.75, 1]
    .map((s) => {
      const y = num(yOf(box, s));
      return (
        `<line x1="${num(box.left)}" x2="${num(box.left + box.width)}" y1="${y}" y2="${y}" class="grid"/>` +
        `<text x="${num(box.left - 6)}" y="${y}" class="tick" text-anchor="end" dominant-baseline="middle">${Math.round(s * 100)}%</text>`
      );
    })
    .join('');
}

/** Vertical grid lines and percentage labels at 0, 25, 50, 75 and 100%. */
export function xGrid(box: PlotBox): string {
  return [0, 0.25, 0.5, 0.75, 1]
    .map((s) => {
      const x = num(xOf(box, s));
      return (
        `<line x1="${x}" x2="${x}" y1="${num(box.top)}" y2="${num(box.top + box.height)}" class="grid"/>` +
        `<text x="${x}" y="${num(box.top + box.height + 14)}" class="tick" text-anchor="middle">${Math.round(s * 100)}%</text>`
      );
    })
    .join('');
}

/**
 * The opening of an inline SVG chart: sized by its viewBox (it scales with the page), with an
 * accessible name and the chart's id for tests and styling. No xmlns is needed inline in HTML.
 */
export function svgOpen(chart: string, width: number, height: number, label: string): string {
  return (
    `<svg class="chart" data-chart="${escapeHtml(chart)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}">` +
    `<title>${escapeHtml(label)}</title>`
  );
}
