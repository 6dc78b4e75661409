import { escapeHtml } from './escape-html';
import { formatShownRatio } from './format-shown-ratio';
import type { DirectionRow } from './review-model';
import { BAND_FILL, CHART_COLORS, num, plotted, svgOpen } from './svg-parts';

const ROW = 30;
const LEFT = 74;
const RIGHT = 150;

/**
 * The balance profile as an inline SVG string: one 0–100% track per direction with its target band
 * shaded, the shown push share as a dot, its interval as a bar, and the raw share as a hollow ring
 * where it differs from the shown one. Directions without a target band are left out. Pure.
 *
 * @example bandChartSvg(review.directions)
 */
export function bandChartSvg(rows: readonly DirectionRow[], width = 680): string {
  const banded = rows.filter((r) => r.target !== null);
  const height = 26 + banded.length * ROW;
  const trackWidth = width - LEFT - RIGHT;
  const x = (share: number) => LEFT + trackWidth * share;
  const parts: string[] = [
    svgOpen('balance-profile', width, height, 'Push share per direction against its target band'),
  ];
  for (const s of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${num(x(s))}" x2="${num(x(s))}" y1="8" y2="${num(height - 16)}" class="grid"/>`,
      `<text x="${num(x(s))}" y="${num(height - 4)}" class="tick" text-anchor="middle">${Math.round(s * 100)}%</text>`,
    );
  }
  banded.forEach((r, i) => {
    const cy = 8 + ROW * i + ROW / 2;
    const [low, high] = r.target as readonly [number, number];
    const p = plotted(r.pushShare);
    const items: string[] = [
      `<text x="${num(LEFT - 8)}" y="${num(cy)}" class="label" text-anchor="end" dominant-baseline="middle">${escapeHtml(r.direction)}</text>`,
      `<rect class="band" x="${num(x(low))}" y="${num(cy - 9)}" width="${num(x(high) - x(low))}" height="18" fill="${BAND_FILL}" stroke="#16a34a" stroke-opacity="0.35"/>`,
      `<line x1="${num(x(0))}" x2="${num(x(1))}" y1="${num(cy)}" y2="${num(cy)}" class="track"/>`,
    ];
    if (p) {
      if (p.low !== null && p.high !== null) {
        items.push(
          `<line class="error-bar" x1="${num(x(p.low))}" x2="${num(x(p.high))}" y1="${num(cy)}" y2="${num(cy)}" stroke="${CHART_COLORS[0]}" stroke-width="4" stroke-opacity="0.45"/>`,
        );
      }
      const raw = r.pushShare.raw;
      if (raw !== null && Math.abs(raw - p.value) >= 0.005) {
        items.push(
          `<circle class="raw" cx="${num(x(raw))}" cy="${num(cy)}" r="4" fill="none" stroke="#64748b" stroke-width="1.5"/>`,
        );
      }
      items.push(`<circle cx="${num(x(p.value))}" cy="${num(cy)}" r="5" fill="${CHART_COLORS[0]}"/>`);
    }
    items.push(
      `<text x="${num(width - RIGHT + 10)}" y="${num(cy)}" class="value" dominant-baseline="middle">${escapeHtml(formatShownRatio(r.pushShare))}</text>`,
    );
    parts.push(`<g data-direction="${escapeHtml(r.direction)}">${items.join('')}</g>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
