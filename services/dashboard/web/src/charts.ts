import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c'];
const BAR = '#475569';
const SVG = 'http://www.w3.org/2000/svg';

/** One point of the overview scatter with its 90% intervals on both axes. */
export interface ScatterPoint {
  id: string;
  x: number;
  y: number;
  xLow: number;
  xHigh: number;
  yLow: number;
  yHigh: number;
  outlier: boolean;
  /** Precise enough on both axes to call (rated); otherwise drawn hollow and grey. */
  rated: boolean;
}

/** An error bar as drawn, in canvas pixels (for tests and screen readers of the data attribute). */
interface DrawnBar {
  id: string;
  x: number;
  y: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const percent = (_u: uPlot, v: number[]) => v.map((x) => `${Math.round(x * 100)}%`);

/**
 * The org overview scatter: upward proactivity (x) × downward pull share (y) with each leader's 90%
 * interval as error bars on both axes, the target band of downward pull share shaded, outliers in
 * red, leaders too uncertain to call on an axis hollow and grey. uPlot draws it on a canvas; the bars drawn are listed (canvas pixels) in the element's
 * `data-error-bars` attribute.
 */
export function scatterChart(el: HTMLElement, points: ScatterPoint[], band: [number, number]): uPlot {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const xs = sorted.map((p) => p.x);
  const normal = sorted.map((p) => (p.rated && !p.outlier ? p.y : null));
  const outliers = sorted.map((p) => (p.rated && p.outlier ? p.y : null));
  const uncertain = sorted.map((p) => (p.rated ? null : p.y));
  const noLine = () => null;
  return new uPlot(
    {
      width: Math.min(720, el.clientWidth || 720),
      height: 360,
      scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
      axes: [
        { label: 'upward proactivity (90% interval as a bar)', values: percent },
        { label: 'downward pull share (90% interval as a bar)', values: percent },
      ],
      legend: { show: false },
      cursor: { show: false },
      series: [
        {},
        {
          label: 'leaders',
          stroke: COLORS[0],
          paths: noLine,
          points: { show: true, size: 8, fill: COLORS[0] },
        },
        {
          label: 'outliers',
          stroke: COLORS[1],
          paths: noLine,
          points: { show: true, size: 10, fill: COLORS[1] },
        },
        {
          label: 'too uncertain to call',
          stroke: '#94a3b8',
          paths: noLine,
          points: { show: true, size: 8, fill: '#ffffff', width: 2 },
        },
      ],
      hooks: {
        drawClear: [
          (u) => {
            const top = u.valToPos(band[1], 'y', true);
            const bottom = u.valToPos(band[0], 'y', true);
            u.ctx.save();
            u.ctx.fillStyle = 'rgba(22, 163, 74, 0.12)';
            u.ctx.fillRect(u.bbox.left, top, u.bbox.width, bottom - top);
            u.ctx.restore();
          },
        ],
        // under the points: drawAxes runs before the series are drawn
        drawAxes: [
          (u) => {
            const ctx = u.ctx;
            const cap = 3 * uPlot.pxRatio;
            const drawn: DrawnBar[] = [];
            ctx.save();
            ctx.lineWidth = Math.max(1, uPlot.pxRatio);
            for (const p of sorted) {
              const x = u.valToPos(p.x, 'x', true);
              const y = u.valToPos(p.y, 'y', true);
              const x0 = u.valToPos(p.xLow, 'x', true);
              const x1 = u.valToPos(p.xHigh, 'x', true);
              const y0 = u.valToPos(p.yLow, 'y', true);
              const y1 = u.valToPos(p.yHigh, 'y', true);
              ctx.strokeStyle = p.outlier ? COLORS[1]! : p.rated ? BAR : '#94a3b8';
              ctx.beginPath();
              ctx.moveTo(x0, y);
              ctx.lineTo(x1, y);
              ctx.moveTo(x0, y - cap);
              ctx.lineTo(x0, y + cap);
              ctx.moveTo(x1, y - cap);
              ctx.lineTo(x1, y + cap);
              ctx.moveTo(x, y0);
              ctx.lineTo(x, y1);
              ctx.moveTo(x - cap, y0);
              ctx.lineTo(x + cap, y0);
              ctx.moveTo(x - cap, y1);
              ctx.lineTo(x + cap, y1);
              ctx.stroke();
              drawn.push({ id: p.id, x, y, x0, x1, y0, y1 });
            }
            ctx.restore();
            el.setAttribute('data-error-bars', JSON.stringify(drawn));
          },
        ],
      },
    },
    [xs, normal, outliers, uncertain],
    el,
  );
}

/** A weekly series: values (null = gap) and, optionally, each week's 90% interval. */
export interface WeeklySeries {
  name: string;
  values: (number | null)[];
  low?: (number | null)[];
  high?: (number | null)[];
}

/**
 * Weekly lines (e.g. push share per direction), one series per name; null = gap. Series with `low`
 * / `high` get their interval shaded in their colour (a single week as a short bar); the number of
 * week intervals drawn is in the element's `data-interval-weeks` attribute.
 */
export function weeklyChart(el: HTMLElement, weeks: string[], series: WeeklySeries[], yLabel: string): uPlot {
  const xs = weeks.map((w) => Date.parse(`${w}T00:00:00Z`) / 1000);
  return new uPlot(
    {
      width: Math.min(720, el.clientWidth || 720),
      height: 240,
      scales: { y: { range: [0, 1] } },
      axes: [{}, { label: yLabel, values: percent }],
      series: [
        { label: 'week' },
        ...series.map((s, i) => ({
          label: s.name,
          stroke: COLORS[i % COLORS.length],
          width: 2,
          spanGaps: false,
          points: { show: true },
        })),
      ],
      hooks: {
        drawAxes: [
          (u) => {
            let drawn = 0;
            const ctx = u.ctx;
            ctx.save();
            series.forEach((s, i) => {
              if (!s.low || !s.high) return;
              ctx.fillStyle = `${COLORS[i % COLORS.length]}26`; // the series colour at 15% opacity
              drawn += shadeIntervals(u, xs, s.low, s.high);
            });
            ctx.restore();
            el.setAttribute('data-interval-weeks', String(drawn));
          },
        ],
      },
    },
    [xs, ...series.map((s) => s.values)],
    el,
  );
}

/** Fills the area between low and high over each run of weeks that have both; returns the weeks. */
function shadeIntervals(u: uPlot, xs: number[], low: (number | null)[], high: (number | null)[]): number {
  const ctx = u.ctx;
  const half = 4 * uPlot.pxRatio;
  let count = 0;
  let run: number[] = [];
  const flush = () => {
    if (run.length === 0) return;
    ctx.beginPath();
    if (run.length === 1) {
      const i = run[0]!;
      const x = u.valToPos(xs[i]!, 'x', true);
      const top = u.valToPos(high[i]!, 'y', true);
      const bottom = u.valToPos(low[i]!, 'y', true);
      ctx.rect(x - half, top, 2 * half, bottom - top);
    } else {
      run.forEach((i, k) => {
        const x = u.valToPos(xs[i]!, 'x', true);
        const y = u.valToPos(high[i]!, 'y', true);
        if (k === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      for (const i of [...run].reverse())
        ctx.lineTo(u.valToPos(xs[i]!, 'x', true), u.valToPos(low[i]!, 'y', true));
      ctx.closePath();
    }
    ctx.fill();
    count += run.length;
    run = [];
  };
  xs.forEach((_, i) => {
    if (low[i] != null && high[i] != null) run.push(i);
    else flush();
  });
  flush();
  return count;
}

/** One histogram: bins over [0, 1] with their counts and the target band, if any. */
export interface HistogramData {
  bins: { from: number; to: number; count: number }[];
  band: [number, number] | null;
  label: string;
}

/**
 * A histogram of a ratio across leaders as inline SVG (built with createElementNS, no markup
 * parsed): one bar per bin with its count, the target band shaded behind the bars.
 */
export function histogramChart(data: HistogramData): SVGSVGElement {
  const width = 320;
  const height = 150;
  const pad = { left: 8, right: 8, top: 16, bottom: 22 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = Math.max(1, ...data.bins.map((b) => b.count));
  const xOf = (v: number) => pad.left + v * plotW;
  const svg = svgEl('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width: String(width),
    height: String(height),
    role: 'img',
    'aria-label': `histogram of ${data.label}`,
    class: 'histogram',
  }) as SVGSVGElement;
  if (data.band) {
    svg.append(
      svgEl('rect', {
        class: 'band',
        'data-band': `${data.band[0]}-${data.band[1]}`,
        x: String(xOf(data.band[0])),
        y: String(pad.top),
        width: String(xOf(data.band[1]) - xOf(data.band[0])),
        height: String(plotH),
        fill: 'rgba(22, 163, 74, 0.15)',
      }),
    );
  }
  data.bins.forEach((b, i) => {
    const h = (b.count / max) * plotH;
    const x = xOf(b.from) + 1;
    const w = xOf(b.to) - xOf(b.from) - 2;
    svg.append(
      svgEl('rect', {
        'data-bin': String(i),
        'data-from': String(b.from),
        'data-to': String(b.to),
        'data-count': String(b.count),
        x: String(x),
        y: String(pad.top + plotH - h),
        width: String(w),
        height: String(h),
        fill: COLORS[0]!,
      }),
    );
    if (b.count > 0) {
      const t = svgEl('text', {
        x: String(x + w / 2),
        y: String(pad.top + plotH - h - 3),
        'text-anchor': 'middle',
        'font-size': '10',
      });
      t.textContent = String(b.count);
      svg.append(t);
    }
  });
  svg.append(
    svgEl('line', {
      x1: String(pad.left),
      x2: String(width - pad.right),
      y1: String(pad.top + plotH),
      y2: String(pad.top + plotH),
      stroke: '#94a3b8',
    }),
  );
  for (const v of [0, 0.5, 1]) {
    const t = svgEl('text', {
      x: String(xOf(v)),
      y: String(height - 6),
      'text-anchor': v === 0 ? 'start' : v === 1 ? 'end' : 'middle',
      'font-size': '10',
    });
    t.textContent = `${v * 100}%`;
    svg.append(t);
  }
  return svg;
}

function svgEl(tag: string, attrs: Record<string, string>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}
