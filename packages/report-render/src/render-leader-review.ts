import { bandChartSvg } from './band-chart-svg';
import {
  anyInterval,
  bandCell,
  certaintyText,
  el,
  htmlPage,
  periodText,
  ratioCell,
  rawCell,
  readingGuide,
  table,
  text,
  th,
} from './review-html';
import type { LeaderReview } from './review-model';
import { weeklyChartSvg } from './weekly-chart-svg';

/** The name a review is titled with: the name, or the email when the org chart has none. */
export function leaderTitle(r: Pick<LeaderReview, 'leader'>): string {
  return r.leader.name?.trim() ? r.leader.name : r.leader.email;
}

/**
 * A leader's quarterly review as one self-contained HTML page: key figures with their intervals, the
 * raw share beside each and which was shown, plain words on how sure each is, the previous period
 * beside them, the balance profile against its bands, the dashboard's weekly charts (push share per
 * direction, team culture) as inline SVG, context by source and the reasons behind the labels as
 * counts. Inline CSS, no script, no URL: it opens offline and prints on A4. Names are escaped; there is
 * no message text in the input, so none in the page.
 *
 * @example writeFileSync('lea.html', renderLeaderReview(review));
 */
export function renderLeaderReview(r: LeaderReview): string {
  const who = leaderTitle(r);
  const prevLabel = r.previous?.label ?? null;
  const all = [
    ...r.ratios.map((x) => x.value),
    ...r.directions.map((d) => d.pushShare),
    r.team.upwardProactivity,
  ];
  const body: string[] = [];
  body.push(
    el(
      'header',
      { class: 'pack' },
      el('h1', { 'data-testid': 'leader-name' }, text(`Leadership review: ${who}`)),
      el(
        'p',
        { class: 'lead' },
        text(
          [
            r.leader.email,
            r.leader.department ? `department ${r.leader.department}` : null,
            `period ${periodText(r.period)}`,
            `team as of ${r.asOf}`,
            r.previous ? `compared with ${periodText(r.previous)}` : null,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      ),
    ),
    readingGuide(r.minVolume, anyInterval(all)),
  );

  body.push(
    el('h2', {}, 'Key figures'),
    table(
      { 'data-testid': 'key-figures' },
      [
        th('metric'),
        th(r.period.label),
        th('raw share'),
        th('volume', true),
        th('how sure'),
        ...(prevLabel ? [th(prevLabel)] : []),
      ],
      [
        ...r.ratios.map((x) => [
          el('td', {}, text(x.label)),
          ratioCell(x.value, x.key),
          rawCell(x.value),
          el('td', { class: 'num' }, text(`${x.value.volume} ${x.volumeOf}`)),
          el('td', { class: 'note' }, text(certaintyText(x.value, r.minVolume))),
          ...(prevLabel ? [x.previous ? ratioCell(x.previous, `${x.key}-previous`) : el('td', {}, '')] : []),
        ]),
        ...r.facts.map((f) => [
          el('td', {}, text(f.label)),
          el('td', {}, text(f.value)),
          el('td', {}, ''),
          el('td', {}, ''),
          el('td', {}, ''),
          ...(prevLabel ? [el('td', { class: 'muted' }, text(f.previous ?? ''))] : []),
        ]),
      ],
    ),
  );

  body.push(
    el('h2', {}, 'Balance profile'),
    el(
      'figure',
      {},
      bandChartSvg(r.directions),
      el(
        'figcaption',
        {},
        text(
          'Push share per direction: the dot is the figure shown, the bar its interval, the ring the raw share where it differs; the shaded box is the target band.',
        ),
      ),
    ),
    table(
      { 'data-testid': 'balance' },
      [
        th('direction'),
        th('push', true),
        th('pull', true),
        th('neutral', true),
        th('push share'),
        th('raw share'),
        th('band'),
        th('target'),
        ...(prevLabel ? [th(`${prevLabel} push share`), th(`${prevLabel} band`)] : []),
      ],
      r.directions.map((d) => [
        el('td', {}, text(d.direction)),
        el('td', { class: 'num' }, String(d.push)),
        el('td', { class: 'num' }, String(d.pull)),
        el('td', { class: 'num' }, String(d.neutral)),
        ratioCell(d.pushShare, `push-share-${d.direction}`),
        rawCell(d.pushShare),
        bandCell(d.band, `band-${d.direction}`),
        el(
          'td',
          {},
          d.target ? text(`${Math.round(d.target[0] * 100)}–${Math.round(d.target[1] * 100)}%`) : '',
        ),
        ...(prevLabel
          ? d.previous
            ? [
                ratioCell(d.previous.pushShare, `push-share-${d.direction}-previous`),
                bandCell(d.previous.band, `band-${d.direction}-previous`),
              ]
            : [el('td', {}, ''), el('td', {}, '')]
          : []),
      ]),
    ),
  );

  body.push(
    el('h2', {}, 'Trend by week'),
    el('p', {}, text(r.trendText)),
    el(
      'figure',
      {},
      weeklyChartSvg({
        chart: 'weekly-push-share',
        title: 'Push share per direction by week',
        weeks: r.weeks,
        series: r.weeklyPushShare,
        yLabel: 'push share',
      }),
      el('figcaption', {}, text('Push share per direction by week (weeks without enough data are gaps).')),
    ),
  );

  const team = r.team;
  body.push(
    el('h2', {}, text(`Team culture (${team.reports} direct report${team.reports === 1 ? '' : 's'})`)),
    table(
      { 'data-testid': 'team' },
      [th('metric'), th(r.period.label), th('how sure'), ...(prevLabel ? [th(prevLabel)] : [])],
      [
        [
          el('td', {}, text('team upward proactivity (median of reports)')),
          ratioCell(team.upwardProactivity, 'team-upward-proactivity'),
          el(
            'td',
            { class: 'note' },
            text(`${team.reportsWithData} of ${team.reports} reports with enough pushes up.`),
          ),
          ...(prevLabel
            ? [
                team.previousUpwardProactivity
                  ? ratioCell(team.previousUpwardProactivity, 'team-upward-proactivity-previous')
                  : el('td', {}, ''),
              ]
            : []),
        ],
        [
          el('td', {}, 'trend by week'),
          el('td', {}, text(team.trend)),
          el('td', {}, ''),
          ...(prevLabel ? [el('td', {}, '')] : []),
        ],
        ...team.facts.map((f) => [
          el('td', {}, text(f.label)),
          el('td', {}, text(f.value)),
          el('td', {}, ''),
          ...(prevLabel ? [el('td', { class: 'muted' }, text(f.previous ?? ''))] : []),
        ]),
      ],
    ),
    el(
      'figure',
      {},
      weeklyChartSvg({
        chart: 'weekly-team-culture',
        title: 'Team median upward proactivity by week',
        weeks: r.weeks,
        series: r.weeklyTeam,
        yLabel: 'upward proactivity',
        height: 200,
      }),
      el('figcaption', {}, text('Median upward proactivity of the direct reports by week.')),
    ),
  );

  body.push(
    el('h2', {}, 'Context by source'),
    r.sources.length === 0
      ? el('p', { class: 'nd' }, 'No events in this period.')
      : table(
          { 'data-testid': 'sources' },
          [th('source'), th('push', true), th('pull', true), th('neutral', true)],
          r.sources.map((s) => [
            el('td', {}, text(s.source)),
            el('td', { class: 'num' }, String(s.push)),
            el('td', { class: 'num' }, String(s.pull)),
            el('td', { class: 'num' }, String(s.neutral)),
          ]),
        ),
    el('h2', {}, 'Reasons behind the labels'),
    el(
      'p',
      { class: 'note' },
      text('Rule ids that produced the labels, as counts. No message text is stored or shown.'),
    ),
    r.reasons.length === 0
      ? el('p', { class: 'nd' }, 'No labelled events in this period.')
      : table(
          { 'data-testid': 'reasons' },
          [th('label'), th('reason'), th('events', true)],
          r.reasons.map((x) => [
            el('td', {}, text(x.mode)),
            el('td', {}, text(x.reason)),
            el('td', { class: 'num' }, String(x.events)),
          ]),
        ),
  );
  return htmlPage(`Leadership review: ${who}, ${r.period.label}`, 'leader', body.join('\n'));
}
