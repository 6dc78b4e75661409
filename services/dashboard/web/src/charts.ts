import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c'];

/** One point of the overview scatter. */
export interface ScatterPoint {
  x: number;
  y: number;
  outlier: boolean;
}

/**
 * The org overview scatter: upward proactivity (x) × downward pull share (y), the target band of
 * downward pull share shaded, outliers in red. uPlot draws it on a canvas.
 */
export function scatterChart(el: HTMLElement, points: ScatterPoint[], band: [number, number]): uPlot {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const xs = sorted.map((p) => p.x);
  const normal = sorted.map((p) => (p.outlier ? null : p.y));
  const outliers = sorted.map((p) => (p.outlier ? p.y : null));
  const noLine = () => null;
  return new uPlot(
    {
      width: Math.min(720, el.clientWidth || 720),
      height: 360,
      scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
      axes: [
        { label: 'upward proactivity', values: (_u, v) => v.map((x) => `${Math.round(x * 100)}%`) },
        { label: 'downward pull share', values: (_u, v) => v.map((x) => `${Math.round(x * 100)}%`) },
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
      },
    },
    [xs, normal, outliers],
    el,
  );
}

/** Weekly lines (e.g. push share per direction), one series per name; null = gap. */
export function weeklyChart(
  el: HTMLElement,
  weeks: string[],
  series: { name: string; values: (number | null)[] }[],
  yLabel: string,
): uPlot {
  const xs = weeks.map((w) => Date.parse(`${w}T00:00:00Z`) / 1000);
  return new uPlot(
    {
      width: Math.min(720, el.clientWidth || 720),
      height: 240,
      scales: { y: { range: [0, 1] } },
      axes: [{}, { label: yLabel, values: (_u, v) => v.map((x) => `${Math.round(x * 100)}%`) }],
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
    },
    [xs, ...series.map((s) => s.values)],
    el,
  );
}
