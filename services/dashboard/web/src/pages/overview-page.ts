import { api, period } from '../api';
import { histogramChart, scatterChart } from '../charts';
import { type Figure, figureCell, h, intervalText, link, numCell, pct } from '../dom';

type FigureKey =
  | 'upwardProactivity'
  | 'downwardPullShare'
  | 'externalPullShare'
  | 'pushShareUp'
  | 'pushShareDown'
  | 'pushSharePeer'
  | 'pushShareExternal';

interface OverviewLeader {
  id: string;
  name: string;
  pseudonymised: boolean;
  reports: number;
  department: string | null;
  level: number | null;
  upwardProactivity: number | null;
  upwardVolume: number;
  downwardPullShare: number | null;
  downwardVolume: number;
  bandDown: string;
  pushOnly: boolean;
  outlier: boolean;
  figures: Record<FigureKey, Figure>;
}
interface Group<V> {
  value: V;
  leaders: number;
  hidden: boolean;
}
interface Overview {
  period: { name: string; from: string; to: string };
  minVolume: number;
  maxIntervalWidth: number;
  estimation: { corrected: boolean; level: number; text: string };
  downwardPullShareBand: [number, number];
  filters: { department: string | null; level: number | null };
  minGroupSize: number;
  groups: { departments: Group<string>[]; levels: Group<number>[] };
  hidden: string | null;
  leaders: OverviewLeader[];
  distributions: {
    key: FigureKey;
    label: string;
    band: [number, number] | null;
    bins: { from: number; to: number; count: number }[];
    leaders: number;
    withoutData: number;
    hidden: string | null;
  }[];
  tiers: {
    key: FigureKey;
    label: string;
    tiers: { tier: number; ids: string[]; low: number; high: number }[];
    unplaced: string[];
  }[];
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

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The overview's filters, kept in the URL query beside the period. */
function filterQuery(): URLSearchParams {
  const here = new URLSearchParams(location.search);
  const q = new URLSearchParams({ period: period() });
  for (const name of ['department', 'level']) {
    const v = here.get(name);
    if (v) q.set(name, v);
  }
  return q;
}

/** The department and level selects; changing one reloads the page with the new query. */
function filtersForm(o: Overview): HTMLElement {
  const hiddenNote = (g: Group<unknown>) => (g.hidden ? ` — below ${o.minGroupSize}, hidden` : '');
  const department = h(
    'select',
    { name: 'department', 'aria-label': 'department' },
    h('option', { value: '' }, 'All departments'),
    ...o.groups.departments.map((g) =>
      h(
        'option',
        { value: g.value, ...(o.filters.department === g.value ? { selected: '' } : {}) },
        `${g.value} (${plural(g.leaders, 'leader')}${hiddenNote(g)})`,
      ),
    ),
  ) as HTMLSelectElement;
  const level = h(
    'select',
    { name: 'level', 'aria-label': 'level' },
    h('option', { value: '' }, 'All levels'),
    ...o.groups.levels.map((g) =>
      h(
        'option',
        { value: String(g.value), ...(o.filters.level === g.value ? { selected: '' } : {}) },
        `Level ${g.value}${g.value === 0 ? ' (top)' : ''} (${plural(g.leaders, 'leader')}${hiddenNote(g)})`,
      ),
    ),
  ) as HTMLSelectElement;
  const form = h(
    'form',
    { class: 'filters', 'data-testid': 'filters' },
    h('label', {}, 'Department ', department),
    h('label', {}, 'Level ', level),
    h('button', { type: 'submit' }, 'Filter'),
  );
  const apply = () => {
    const q = new URLSearchParams(location.search);
    for (const [name, select] of [
      ['department', department],
      ['level', level],
    ] as const) {
      if (select.value) q.set(name, select.value);
      else q.delete(name);
    }
    location.search = q.toString();
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    apply();
  });
  department.addEventListener('change', apply);
  level.addEventListener('change', apply);
  return form;
}

/** One histogram per metric, the target band shaded; withheld ones say why. */
function distributions(o: Overview): HTMLElement {
  return h(
    'div',
    { class: 'distributions', 'data-testid': 'distributions' },
    ...o.distributions.map((d) =>
      h(
        'figure',
        { class: 'distribution', 'data-testid': 'distribution', 'data-metric': d.key },
        h('figcaption', {}, h('strong', {}, d.label)),
        d.hidden
          ? h('p', { class: 'nd', 'data-testid': 'distribution-hidden' }, `Not shown: ${d.hidden}.`)
          : histogramChart({ bins: d.bins, band: d.band, label: d.label }),
        d.hidden
          ? null
          : h(
              'small',
              {},
              `${plural(d.leaders, 'leader')} with enough data${d.withoutData ? `, ${d.withoutData} without` : ''}`,
              d.band ? ` · target band ${pct(d.band[0])}–${pct(d.band[1])} shaded` : ' · no target band',
            ),
      ),
    ),
  );
}

/** Leaders in tiers of one metric: leaders whose intervals overlap are never ranked apart. */
function tierList(o: Overview, key: FigureKey, pseudo: boolean): HTMLElement {
  const t = o.tiers.find((x) => x.key === key)!;
  const byId = new Map(o.leaders.map((l) => [l.id, l]));
  return h(
    'div',
    { 'data-testid': 'tiers', 'data-metric': key },
    t.tiers.length === 0
      ? h('p', { class: 'nd' }, 'No leader has enough data on this metric to be placed.')
      : h(
          'ol',
          { class: 'tiers' },
          ...t.tiers.map((tier) =>
            h(
              'li',
              {
                'data-tier': String(tier.tier),
                'data-low': String(tier.low),
                'data-high': String(tier.high),
              },
              h(
                'strong',
                {},
                `Tier ${tier.tier}: ${intervalText(tier)}`,
                tier.ids.length > 1
                  ? ` — ${tier.ids.length} leaders not distinguishable from each other`
                  : '',
              ),
              h(
                'ul',
                {},
                ...tier.ids.map((id) => {
                  const l = byId.get(id)!;
                  const f = l.figures[key];
                  return h(
                    'li',
                    { 'data-id': id, 'data-low': String(f.low), 'data-high': String(f.high) },
                    nameCell(l, pseudo),
                    ` ${pct(f.corrected)} (${Math.round(f.level * 100)}%: ${intervalText(f)}, n=${f.volume})`,
                  );
                }),
              ),
            ),
          ),
        ),
    t.unplaced.length > 0
      ? h(
          'p',
          { class: 'nd', 'data-testid': 'tiers-unplaced' },
          `Not placed (not enough data): ${t.unplaced.map((id) => byId.get(id)?.name ?? id).join(', ')}.`,
        )
      : null,
  );
}

/** The org overview: filters, scatter with error bars, distributions, tiers, lists and the table. */
export async function overviewPage(root: HTMLElement): Promise<void> {
  const o = await api<Overview>(`/api/overview?${filterQuery().toString()}`);
  const pseudo = o.leaders.some((l) => l.pseudonymised);
  const chart = h('div', { class: 'chart', 'data-testid': 'overview-chart' });
  // plotted: enough events on both axes; precise enough to call on both ("rated") or drawn hollow
  const plottable = (f: Figure) => f.corrected !== null && f.volume >= o.minVolume;
  const plotted = o.leaders.filter(
    (l) => plottable(l.figures.upwardProactivity) && plottable(l.figures.downwardPullShare),
  );
  const placed = o.leaders.filter((l) => l.upwardProactivity !== null && l.downwardPullShare !== null);
  const selection = [
    o.filters.department === null ? null : `department ${o.filters.department}`,
    o.filters.level === null ? null : `level ${o.filters.level}`,
  ].filter(Boolean);
  const metricSelect = h(
    'select',
    { name: 'tier-metric', 'aria-label': 'metric of the tiers' },
    ...o.tiers.map((t) => h('option', { value: t.key }, t.label)),
  ) as HTMLSelectElement;
  const tiersBox = h('div', {}, tierList(o, 'downwardPullShare', pseudo));
  metricSelect.addEventListener('change', () =>
    tiersBox.replaceChildren(tierList(o, metricSelect.value as FigureKey, pseudo)),
  );
  root.replaceChildren(
    ...[
      h('h1', {}, 'Org overview'),
      filtersForm(o),
      h(
        'p',
        { class: 'lead', 'data-testid': 'selection' },
        `${o.period.from} – ${o.period.to} (exclusive) · ${selection.length ? selection.join(', ') : 'all departments and levels'} · `,
        `${plural(o.leaders.length, 'leader')}; ${plotted.length} with at least ${o.minVolume} events on both axes are plotted, ${placed.length} of them precise enough to call on both (a 90% interval no wider than ${pct(o.maxIntervalWidth)}). `,
        `Level is the number of managers above a leader (0 = the top of the org chart). `,
        `The shaded band is the target downward pull share (${pct(o.downwardPullShareBand[0])}–${pct(o.downwardPullShareBand[1])}).`,
        pseudo ? ' Leaders are pseudonymised for analysts.' : '',
      ),
      h('p', { class: 'lead', 'data-testid': 'estimation' }, o.estimation.text),
      o.hidden ? h('p', { class: 'nd', 'data-testid': 'selection-hidden' }, `Not shown: ${o.hidden}.`) : null,
      o.hidden ? null : chart,
      o.hidden
        ? null
        : h(
            'p',
            { class: 'lead' },
            'Each bar spans a leader’s 90% interval on that axis: where two leaders’ bars overlap, the data cannot tell them apart. ',
            'Filled blue: precise enough on both axes; red: an outlier; hollow grey: too uncertain to call on at least one axis (its bar shows how far the truth could be).',
          ),
      h('h2', {}, 'Distribution across leaders'),
      distributions(o),
      h('h2', {}, 'Leaders in tiers'),
      h(
        'p',
        { class: 'lead' },
        'Leaders are not ranked one by one: two leaders whose 90% intervals overlap cannot be told apart, so they share a tier. ',
        'A tier is a chain of overlapping intervals; every leader of a tier is above every leader of the next one with no overlap. ',
        'Within a tier leaders are listed by name, not by value.',
      ),
      h('label', {}, 'Metric ', metricSelect),
      tiersBox,
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
      h(
        'p',
        { class: 'lead' },
        'A leader is an outlier when their whole 90% interval lies outside Tukey’s fences of the others’ figures.',
      ),
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
            h('th', {}, 'department'),
            h('th', {}, 'level'),
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
              h(
                'td',
                {
                  'data-field': 'department',
                  title: l.department === null ? 'unknown, or a group too small to show' : undefined,
                },
                l.department ?? '—',
              ),
              h('td', { 'data-field': 'level' }, l.level === null ? '—' : String(l.level)),
              numCell(l.reports, 'reports'),
              figureCell(l.figures.upwardProactivity, 'upwardProactivity'),
              figureCell(l.figures.downwardPullShare, 'downwardPullShare'),
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
    ].filter((x): x is HTMLElement => x !== null),
  );
  if (!o.hidden) {
    scatterChart(
      chart,
      plotted.map((l) => {
        const x = l.figures.upwardProactivity;
        const y = l.figures.downwardPullShare;
        return {
          id: l.id,
          x: x.corrected!,
          y: y.corrected!,
          xLow: x.low ?? x.corrected!,
          xHigh: x.high ?? x.corrected!,
          yLow: y.low ?? y.corrected!,
          yHigh: y.high ?? y.corrected!,
          outlier: l.outlier,
          rated: x.rated && y.rated,
        };
      }),
      o.downwardPullShareBand,
    );
  }
}
