import {
  PAGE_DIRECTIONS as DIRS,
  type PageDirection as Dir,
  type DirectionFigures,
  type TeamCulture,
  type WeekFigures,
} from '../../../src/leader-page-shapes';
import { api, withPeriod } from '../api';
import { weeklyChart } from '../charts';
import { type Figure, figureCell, h, link, numCell, pct } from '../dom';

interface LeaderPage {
  person: { personId: string; name: string; email: string; reports: number; managerPersonId: string | null };
  period: { name: string; from: string; to: string };
  minVolume: number;
  estimation: { corrected: boolean; level: number; text: string };
  directions: Record<Dir, DirectionFigures<Figure>>;
  figures: Record<
    'upwardProactivity' | 'downwardPullShare' | 'externalPullShare',
    Figure & { certainty: string }
  >;
  weekly: WeekFigures[];
  upward: {
    proactivity: number | null;
    pushes: number;
    proactivePushes: number;
    pullsFromManager: number | null;
    responseTime: {
      pullsReceived: number;
      answered: number;
      answeredShare: number | null;
      medianResponseMs: number | null;
    } | null;
  };
  teamCulture: TeamCulture;
  reasons: { reason: string; text: string; mode: string; events: number; urls: string[] }[];
}

/** A duration in ms as minutes, hours or days, e.g. '3.5 h'. */
function duration(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 90) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} days`;
}

/** The median response time with its volume, or why there is none. */
function responseTimeText(r: LeaderPage['upward']['responseTime']): string {
  if (r === null) return 'no manager';
  const volume = `${r.answered} of ${r.pullsReceived} pulls answered`;
  return r.medianResponseMs === null
    ? `not enough data (${volume})`
    : `${duration(r.medianResponseMs)} (${volume})`;
}

/** A leader's page: four directions, weekly trend, upward figures, team culture, reasons with links. */
export async function leaderPage(root: HTMLElement, personId: string): Promise<void> {
  const p = await api<LeaderPage>(withPeriod(`/api/leaders/${encodeURIComponent(personId)}`));
  const trend = h('div', { class: 'chart', 'data-testid': 'weekly-chart' });
  const cultureChart = h('div', { class: 'chart', 'data-testid': 'culture-chart' });
  const tc = p.teamCulture;
  root.replaceChildren(
    h('h1', { 'data-testid': 'leader-name' }, p.person.name),
    h(
      'p',
      { class: 'lead' },
      `${p.person.email} · ${p.person.reports} direct reports · ${p.period.from} – ${p.period.to} (exclusive) · minimum volume ${p.minVolume}`,
    ),
    h('p', { class: 'lead', 'data-testid': 'estimation' }, p.estimation.text),
    h('h2', {}, 'Four directions'),
    h(
      'table',
      { 'data-testid': 'directions' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'direction'),
          h('th', {}, 'push'),
          h('th', {}, 'pull'),
          h('th', {}, 'neutral'),
          h('th', {}, 'push share'),
          h('th', {}, 'band'),
          h('th', {}, 'how sure'),
        ),
      ),
      h(
        'tbody',
        {},
        ...DIRS.map((d) => {
          const f = p.directions[d];
          return h(
            'tr',
            { 'data-direction': d },
            h('th', {}, d),
            numCell(f.push, 'push'),
            numCell(f.pull, 'pull'),
            numCell(f.neutral, 'neutral'),
            figureCell(f.figure, 'pushShare'),
            h('td', { 'data-field': 'band' }, f.band),
            h('td', { 'data-field': 'certainty', class: 'why' }, f.certainty),
          );
        }),
      ),
    ),
    h('h3', {}, 'Push share by week'),
    h(
      'p',
      { class: 'lead' },
      `The shaded bands are each week’s 90% interval; weeks with fewer than ${p.minVolume} events in a direction are gaps.`,
    ),
    p.weekly.length === 0 ? h('p', {}, 'No activity in this period.') : trend,
    h(
      'table',
      { 'data-testid': 'weekly', class: 'compact' },
      h('thead', {}, h('tr', {}, h('th', {}, 'week'), ...DIRS.map((d) => h('th', {}, `${d} push / pull`)))),
      h(
        'tbody',
        {},
        ...p.weekly.map((w) =>
          h(
            'tr',
            { 'data-week': w.week },
            h('td', {}, w.week),
            ...DIRS.map((d) => numCell(`${w.directions[d].push} / ${w.directions[d].pull}`, d)),
          ),
        ),
      ),
    ),
    h('h2', {}, 'Upward'),
    h(
      'dl',
      { 'data-testid': 'upward' },
      h('dt', {}, 'Upward proactivity'),
      h(
        'dd',
        { 'data-field': 'upwardProactivity' },
        `${pct(p.upward.proactivity)} (${p.upward.proactivePushes} proactive of ${p.upward.pushes} pushes up)`,
        h('div', { class: 'why', 'data-field': 'certainty' }, p.figures.upwardProactivity.certainty),
      ),
      h('dt', {}, 'Downward pull share'),
      h(
        'dd',
        { 'data-field': 'downwardPullShare' },
        pct(p.figures.downwardPullShare.rated ? p.figures.downwardPullShare.corrected : null),
        h('div', { class: 'why', 'data-field': 'certainty' }, p.figures.downwardPullShare.certainty),
      ),
      h('dt', {}, 'External pull share'),
      h(
        'dd',
        { 'data-field': 'externalPullShare' },
        pct(p.figures.externalPullShare.rated ? p.figures.externalPullShare.corrected : null),
        h('div', { class: 'why', 'data-field': 'certainty' }, p.figures.externalPullShare.certainty),
      ),
      h('dt', {}, 'Pulls received from the manager'),
      h(
        'dd',
        { 'data-field': 'pullsFromManager' },
        p.upward.pullsFromManager === null ? 'no manager' : String(p.upward.pullsFromManager),
      ),
      h('dt', {}, 'Median response time to the manager'),
      h(
        'dd',
        {
          'data-field': 'responseTime',
          ...(p.upward.responseTime?.medianResponseMs == null ? { class: 'nd' } : {}),
        },
        responseTimeText(p.upward.responseTime),
      ),
    ),
    h('h2', {}, 'Team culture'),
    tc.shown
      ? h(
          'div',
          { 'data-testid': 'team-culture' },
          h(
            'p',
            { 'data-field': 'cultureMedian' },
            tc.withheld
              ? `Median upward proactivity of the ${tc.membersFullPeriod} direct reports present for the whole period: withheld, ${tc.withheld}`
              : `Median upward proactivity of the ${tc.membersFullPeriod} direct reports present for the whole period: ${pct(tc.median)} (${tc.membersWithData} with enough data)`,
            h('div', { class: 'why', 'data-field': 'certainty' }, tc.certainty),
          ),
          tc.trend.some((t) => t.median !== null)
            ? cultureChart
            : h(
                'p',
                { class: 'nd' },
                tc.trend.some((t) => t.withheld)
                  ? 'No week has enough reports with a figure to show a median without singling anyone out.'
                  : 'No week has a report with a figure precise enough to call.',
              ),
          link(['team', p.person.personId], 'Open the team view'),
        )
      : h('p', { 'data-testid': 'team-culture', class: 'nd' }, `Not shown: ${tc.reason}.`),
    h('h2', {}, 'Why these labels'),
    h(
      'p',
      { class: 'lead' },
      'Rule ids behind the labels of this leader’s events, with links to the latest items in their tools. No message text is stored or shown.',
    ),
    h(
      'table',
      { 'data-testid': 'reasons' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'reason'),
          h('th', {}, 'label'),
          h('th', {}, 'events'),
          h('th', {}, 'latest items'),
        ),
      ),
      h(
        'tbody',
        {},
        ...p.reasons.map((r) =>
          h(
            'tr',
            { 'data-reason': r.reason, 'data-mode': r.mode },
            h('td', { title: r.text }, r.reason, h('div', { class: 'why' }, r.text)),
            h('td', {}, r.mode),
            numCell(r.events, 'events'),
            h(
              'td',
              {},
              ...r.urls.flatMap((u, i) =>
                /^https?:\/\//i.test(u)
                  ? [h('a', { href: u, rel: 'noopener noreferrer', target: '_blank' }, `item ${i + 1}`), ' ']
                  : [],
              ),
            ),
          ),
        ),
      ),
    ),
  );
  if (p.weekly.length > 0) {
    weeklyChart(
      trend,
      p.weekly.map((w) => w.week),
      DIRS.map((d) => ({
        name: d,
        values: p.weekly.map((w) => w.directions[d].pushShare),
        low: p.weekly.map((w) => w.directions[d].low),
        high: p.weekly.map((w) => w.directions[d].high),
      })),
      'push share',
    );
  }
  if (tc.shown && tc.trend.some((t) => t.median !== null)) {
    weeklyChart(
      cultureChart,
      tc.trend.map((t) => t.week),
      [
        {
          name: 'team median',
          values: tc.trend.map((t) => t.median),
          low: tc.trend.map((t) => t.low),
          high: tc.trend.map((t) => t.high),
        },
      ],
      'upward proactivity',
    );
  }
}
