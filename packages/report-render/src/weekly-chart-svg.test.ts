import { describe, expect, it } from 'vitest';
import { ratio, unrated } from './testing/test-reviews';
import { weeklyChartSvg } from './weekly-chart-svg';

const weeks = ['2026-07-06', '2026-07-13', '2026-07-20', '2026-07-27'];

describe('weeklyChartSvg', () => {
  it('draws one line per series, the interval as a shaded band, and unrated weeks as gaps', () => {
    const svg = weeklyChartSvg({
      chart: 'weekly-push-share',
      title: 'Push share by week',
      weeks,
      yLabel: 'push share',
      series: [
        {
          name: 'up',
          points: [ratio(0.7, 0.5, 0.8), ratio(0.8, 0.6, 0.9), unrated(0.1), ratio(0.5, 0.3, 0.7)],
        },
        { name: 'down', points: [unrated(), unrated(), unrated(), unrated()] },
      ],
    });
    expect(svg).toMatch(/^<svg class="chart" data-chart="weekly-push-share"/);
    expect(svg).toContain('<title>Push share by week</title>');
    const up = /<g data-series="up">(.*?)<\/g>/.exec(svg)?.[1] ?? '';
    // Weeks 1–2 are one run (band + line), week 4 stands alone (an error bar, no line).
    expect(up.match(/<polygon class="interval"/g)).toHaveLength(1);
    expect(up.match(/<line class="interval"/g)).toHaveLength(1);
    expect(up.match(/<path /g)).toHaveLength(1);
    expect(up.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain('<g data-series="down"></g>');
    expect(svg).toContain('shaded: 90% interval');
    // 0% is at the bottom of the plot: y = top + height = 30 + 180.
    expect(svg).toContain('y="210"');
    expect(svg).toContain('>07-06<');
  });

  it('says so when no week has enough data, and draws no interval without one', () => {
    const svg = weeklyChartSvg({
      chart: 'c',
      title: 't',
      weeks,
      yLabel: 'y',
      series: [{ name: 'up', points: weeks.map(() => unrated()) }],
    });
    expect(svg).toContain('not enough data in any week');
    const raw = weeklyChartSvg({
      chart: 'c',
      title: 't',
      weeks,
      yLabel: 'y',
      series: [{ name: 'up', points: weeks.map(() => ratio(0.5)) }],
    });
    expect(raw).not.toContain('interval');
    expect(raw.match(/<circle /g)).toHaveLength(4);
  });
});
