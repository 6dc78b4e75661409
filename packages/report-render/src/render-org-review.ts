import { formatPercent } from './format-shown-ratio';
import {
  anyInterval,
  bandCell,
  el,
  htmlPage,
  periodText,
  ratioCellWithPrevious,
  readingGuide,
  table,
  text,
  th,
} from './review-html';
import type { BandName, OrgReview } from './review-model';
import { ORG_REVIEW_CSS } from './review-style';
import { scatterChartSvg } from './scatter-chart-svg';

function bandWithPrevious(
  band: BandName,
  previous: BandName | null,
  previousLabel: string | null,
  field: string,
) {
  const cell = bandCell(band, field);
  if (previous === null || previousLabel === null) return cell;
  return cell.replace(
    /<\/td>$/,
    `${el('div', { class: 'prev' }, text(`${previousLabel}: ${previous}`))}</td>`,
  );
}

function share(x: { inBand: number; rated: number }): string {
  return x.rated === 0 ? 'none with enough data' : `${x.inBand} of ${x.rated}`;
}

/**
 * Every leader of the organisation on one self-contained HTML page: the dashboard's overview scatter
 * (upward proactivity × downward pull share, the target band shaded, outliers in red, intervals as
 * error bars), department roll-ups, and a table of every leader's figures with the previous period's
 * beside them. Inline CSS and SVG, no script, no URL; names escaped; no message text.
 *
 * @example writeFileSync('org-2026-Q3.html', renderOrgReview(review));
 */
export function renderOrgReview(o: OrgReview): string {
  const prevLabel = o.previous?.label ?? null;
  const placed = o.leaders.filter((l) => l.upwardProactivity.rated && l.downwardPullShare.rated).length;
  const all = o.leaders.flatMap((l) => [l.upwardProactivity, l.downwardPullShare]);
  const body: string[] = [
    el(
      'header',
      { class: 'pack' },
      el('h1', {}, text(`Leadership review: the organisation, ${o.period.label}`)),
      el(
        'p',
        { class: 'lead' },
        text(
          [
            `period ${periodText(o.period)}`,
            `org chart as of ${o.asOf}`,
            `${o.leaders.length} leaders`,
            `${o.departments.length} department${o.departments.length === 1 ? '' : 's'}`,
            o.previous ? `compared with ${periodText(o.previous)}` : null,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      ),
    ),
    readingGuide(o.minVolume, anyInterval(all)),
    el('h2', {}, 'Overview and departments'),
    el(
      'div',
      { class: 'split' },
      el(
        'figure',
        { class: 'scatter' },
        scatterChartSvg({
          chart: 'overview-scatter',
          title: 'Leaders: upward proactivity × downward pull share',
          points: o.leaders.map((l, i) => ({
            mark: String(i + 1),
            name: l.name ?? l.email,
            x: l.upwardProactivity,
            y: l.downwardPullShare,
            outlier: l.outlier,
          })),
          band: o.downwardPullShareBand,
          xLabel: 'upward proactivity',
          yLabel: 'downward pull share',
        }),
        el(
          'figcaption',
          {},
          text(
            `${placed} of ${o.leaders.length} leaders have enough data on both axes; numbers are rows of the table below. ` +
              `The shaded band is the target downward pull share (${formatPercent(o.downwardPullShareBand[0])}–${formatPercent(o.downwardPullShareBand[1])}); outliers in red; bars are intervals.`,
          ),
        ),
      ),
      el(
        'div',
        { class: 'departments' },
        el('h3', {}, 'Departments'),
        el(
          'p',
          { class: 'note' },
          text("Each department's leaders' own events pooled (not an average of their figures)."),
        ),
        table(
          { 'data-testid': 'departments' },
          [
            th('department'),
            th('leaders', true),
            th('upward proactivity'),
            th('downward pull share'),
            th('external pull share'),
            th('leaders in the down band'),
            th('push-only', true),
          ],
          o.departments.map((d) => [
            el('td', { 'data-field': 'department' }, text(d.department)),
            el('td', { class: 'num' }, String(d.leaders)),
            ratioCellWithPrevious(
              d.upwardProactivity,
              d.previous?.upwardProactivity ?? null,
              prevLabel,
              'upwardProactivity',
            ),
            ratioCellWithPrevious(
              d.downwardPullShare,
              d.previous?.downwardPullShare ?? null,
              prevLabel,
              'downwardPullShare',
            ),
            ratioCellWithPrevious(
              d.externalPullShare,
              d.previous?.externalPullShare ?? null,
              prevLabel,
              'externalPullShare',
            ),
            el(
              'td',
              {},
              text(share(d.inBandDown)),
              d.previous && prevLabel
                ? el('div', { class: 'prev' }, text(`${prevLabel}: ${share(d.previous.inBandDown)}`))
                : '',
            ),
            el(
              'td',
              { class: 'num' },
              String(d.pushOnly),
              d.previous && prevLabel
                ? el('div', { class: 'prev' }, text(`${prevLabel}: ${d.previous.pushOnly}`))
                : '',
            ),
          ]),
        ),
      ),
    ),
    el('h2', {}, 'Every leader'),
    table(
      { 'data-testid': 'leaders' },
      [
        th('#', true),
        th('leader'),
        th('department'),
        th('reports', true),
        th('upward proactivity'),
        th('downward pull share'),
        th('external pull share'),
        th('team upward proactivity'),
        th('up band'),
        th('down band'),
        th('flags'),
      ],
      o.leaders.map((l, i) => {
        const p = l.previous;
        const flags = [l.pushOnly ? 'push-only' : '', l.outlier ? 'outlier' : ''].filter(Boolean).join(', ');
        const cells = [
          el('td', { class: 'num' }, String(i + 1)),
          el(
            'td',
            { 'data-field': 'name' },
            text(l.name ?? l.email),
            el('div', { class: 'prev' }, text(l.email)),
          ),
          el('td', {}, text(l.department ?? '')),
          el('td', { class: 'num' }, String(l.reports)),
          ratioCellWithPrevious(
            l.upwardProactivity,
            p?.upwardProactivity ?? null,
            prevLabel,
            'upwardProactivity',
          ),
          ratioCellWithPrevious(
            l.downwardPullShare,
            p?.downwardPullShare ?? null,
            prevLabel,
            'downwardPullShare',
          ),
          ratioCellWithPrevious(
            l.externalPullShare,
            p?.externalPullShare ?? null,
            prevLabel,
            'externalPullShare',
          ),
          ratioCellWithPrevious(
            l.teamUpwardProactivity,
            p?.teamUpwardProactivity ?? null,
            prevLabel,
            'teamUpwardProactivity',
          ),
          bandWithPrevious(l.bands.up, p?.bands.up ?? null, prevLabel, 'bandUp'),
          bandWithPrevious(l.bands.down, p?.bands.down ?? null, prevLabel, 'bandDown'),
          el(
            'td',
            { 'data-field': 'flags' },
            text(flags),
            p && prevLabel && p.pushOnly ? el('div', { class: 'prev' }, text(`${prevLabel}: push-only`)) : '',
          ),
        ];
        return { attrs: { class: l.outlier ? 'outlier' : null, 'data-email': l.email }, cells };
      }),
    ),
  ];
  return htmlPage(
    `Leadership review: the organisation, ${o.period.label}`,
    'org',
    body.join('\n'),
    ORG_REVIEW_CSS,
  );
}
