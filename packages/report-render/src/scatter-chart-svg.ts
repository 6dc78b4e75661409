import { escapeHtml } from './escape-html';
import type { ShownRatio } from './review-model';
import {
  BAND_FILL,
  CHART_COLORS,
  num,
  type PlotBox,
  plotted,
  svgOpen,
  xGrid,
  xOf,
  yGrid,
  yOf,
} from './svg-parts';

/** One leader on the overview scatter. */
export interface ScatterPoint {
  /** A short mark drawn beside the point (the leader's number in the table). */
  mark: string;
  /** The leader's name (the point's tooltip). */
  name: string;
  x: ShownRatio;
  y: ShownRatio;
  outlier: boolean;
}

/** Options of `scatterChartSvg`. */
export interface ScatterChartOptions {
  chart: string;
  title: string;
  points: readonly ScatterPoint[];
  /** The target band on the y axis, shaded. */
  band: readonly [number, number];
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
}

const MARGIN = { left: 52, right: 16, top: 16, bottom: 44 };

/**
 * The dashboard's org overview as an inline SVG string: upward proactivity (x) × downward pull share
 * (y), the target band of y shaded, outliers in red, and each point's interval on both axes as error
 * bars. Only leaders rated on both axes are placed. Pure.
 *
 * @example scatterChartSvg({ chart: 'overview', title: 'Leaders', points, band: [0.4, 0.7], xLabel: 'upward proactivity', yLabel: 'downward pull share' })
 */
export function scatterChartSvg(options: ScatterChartOptions): string {
  const width = options.width ?? 560;
  const height = options.height ?? 420;
  const box: PlotBox = {
    left: MARGIN.left,
    top: MARGIN.top,
    width: width - MARGIN.left - MARGIN.right,
    height: height - MARGIN.top - MARGIN.bottom,
  };
  const [bandLow, bandHigh] = options.band;
  const parts: string[] = [svgOpen(options.chart, width, height, options.title)];
  parts.push(
    `<rect class="band" x="${num(box.left)}" y="${num(yOf(box, bandHigh))}" width="${num(box.width)}" height="${num(yOf(box, bandLow) - yOf(box, bandHigh))}" fill="${BAND_FILL}"/>`,
    yGrid(box),
    xGrid(box),
    `<text x="${num(box.left + box.width / 2)}" y="${num(height - 6)}" class="axis" text-anchor="middle">${escapeHtml(options.xLabel)}</text>`,
    `<text x="14" y="${num(box.top + box.height / 2)}" class="axis" text-anchor="middle" transform="rotate(-90 14 ${num(box.top + box.height / 2)})">${escapeHtml(options.yLabel)}</text>`,
  );
  let placed = 0;
  for (const p of options.points) {
    const x = plotted(p.x);
    const y = plotted(p.y);
    if (!x || !y) continue;
    placed++;
    const color = p.outlier ? CHART_COLORS[1] : CHART_COLORS[0];
    const cx = xOf(box, x.value);
    const cy = yOf(box, y.value);
    const bars: string[] = [];
    if (x.low !== null && x.high !== null) {
      bars.push(
        `<line class="error-bar" x1="${num(xOf(box, x.low))}" x2="${num(xOf(box, x.high))}" y1="${num(cy)}" y2="${num(cy)}"/>`,
      );
    }
    if (y.low !== null && y.high !== null) {
      bars.push(
        `<line class="error-bar" x1="${num(cx)}" x2="${num(cx)}" y1="${num(yOf(box, y.low))}" y2="${num(yOf(box, y.high))}"/>`,
      );
    }
    parts.push(
      `<g class="point${p.outlier ? ' outlier' : ''}" stroke="${color}" fill="${color}"><title>${escapeHtml(p.name)}</title>${bars.join('')}` +
        `<circle cx="${num(cx)}" cy="${num(cy)}" r="${p.outlier ? 5 : 4}" stroke="none"/>` +
        `<text x="${num(cx + 6)}" y="${num(cy - 5)}" class="mark" stroke="none">${escapeHtml(p.mark)}</text></g>`,
    );
  }
  if (placed === 0) {
    parts.push(
      `<text x="${num(box.left + box.width / 2)}" y="${num(box.top + box.height / 2)}" class="empty" text-anchor="middle">no leader has enough data on both axes</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
