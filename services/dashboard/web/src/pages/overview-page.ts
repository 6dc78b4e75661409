import { api, withPeriod } from '../api';
import { scatterChart } from '../charts';
import { h, link, numCell, pct, ratioCell } from '../dom';

interface OverviewLeader {
  id: string;
  name: string;
  pseudonymised: boolean;
  reports: number;
  upwardProactivity: number | null;
  upwardVolume: number;
  downwardPullShare: number | null;
  downwardVolume: number;
  bandDown: string;
  pushOnly: boolean;
  outlier: boolean;
}
interface Overview {
  period: { name: string; from: string; to: string };
  minVolume: number;
  downwardPullShareBand: [number, number];
  leaders: OverviewLeader[];
  pushOnly: { id: string; name: string; volume: number }[];
  outliers: {
    id: string;
    name: string;
    upwardProactivity: number | null;
    downwardPullShare: number | null;
  }[];
}

const nameCell = (l: { id: string; name: string }, pseudonymised: boolean) =>
  pseudonymised
    ? h('span', { 'data-field': 'name' }, l.name)
    : link(['leader', l.id], l.name, { 'data-field': 'name' });

/** The org overview: scatter, leaders table, push-only list and outliers. */
export async function overviewPage(root: HTMLElement): Promise<void> {
  const o = await api<Overview>(withPeriod('/api/overview'));
  const pseudo = o.leaders.some((l) => l.pseudonymised);
  const chart = h('div', { class: 'chart', 'data-testid': 'overview-chart' });
  const placed = o.leaders.filter((l) => l.upwardProactivity !== null && l.downwardPullShare !== null);
  root.replaceChildren(
    h('h1', {}, 'Org overview'),
    h(
      'p',
      { class: 'lead' },
      `${o.period.from} – ${o.period.to} (exclusive) · ${o.leaders.length} leaders, ${placed.length} with enough data on both axes (minimum volume ${o.minVolume}). `,
      `The shaded band is the target downward pull share (${pct(o.downwardPullShareBand[0])}–${pct(o.downwardPullShareBand[1])}).`,
      pseudo ? ' Leaders are pseudonymised for analysts.' : '',
    ),
    chart,
    h('h2', {}, 'Push-only leaders'),
    o.pushOnly.length === 0
      ? h('p', { 'data-testid': 'push-only-empty' }, 'No leader is push-only in this period.')
      : h(
          'ul',
          { 'data-testid': 'push-only' },
          ...o.pushOnly.map((p) =>
            h('li', { 'data-id': p.id }, nameCell(p, pseudo), ` — ${p.volume} pushes and pulls`),
          ),
        ),
    h('h2', {}, 'Outliers'),
    o.outliers.length === 0
      ? h('p', {}, 'No outliers.')
      : h(
          'ul',
          { 'data-testid': 'outliers' },
          ...o.outliers.map((p) =>
            h(
              'li',
              { 'data-id': p.id },
              nameCell(p, pseudo),
              ` — upward proactivity ${pct(p.upwardProactivity)}, downward pull share ${pct(p.downwardPullShare)}`,
            ),
          ),
        ),
    h('h2', {}, 'All leaders'),
    h(
      'table',
      { 'data-testid': 'overview-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'leader'),
          h('th', {}, 'reports'),
          h('th', {}, 'upward proactivity'),
          h('th', {}, 'downward pull share'),
          h('th', {}, 'down band'),
          h('th', {}, ''),
        ),
      ),
      h(
        'tbody',
        {},
        ...o.leaders.map((l) =>
          h(
            'tr',
            { 'data-id': l.id, class: l.outlier ? 'outlier' : undefined },
            h('td', {}, nameCell(l, pseudo)),
            numCell(l.reports, 'reports'),
            ratioCell(l.upwardProactivity, l.upwardVolume, 'upwardProactivity'),
            ratioCell(l.downwardPullShare, l.downwardVolume, 'downwardPullShare'),
            h('td', { 'data-field': 'bandDown' }, l.bandDown),
            h(
              'td',
              { 'data-field': 'flags' },
              [l.pushOnly ? 'push-only' : '', l.outlier ? 'outlier' : ''].filter(Boolean).join(', '),
            ),
          ),
        ),
      ),
    ),
  );
  scatterChart(
    chart,
    placed.map((l) => ({ x: l.upwardProactivity!, y: l.downwardPullShare!, outlier: l.outlier })),
    o.downwardPullShareBand,
  );
}
