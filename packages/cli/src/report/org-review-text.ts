import { csvCell } from '@pushpull/core';
import {
  formatShownRatio,
  NOT_ENOUGH_DATA,
  type OrgReview,
  type ShownRatio,
  shownValue,
} from '@pushpull/report-render';
import { markdownText } from './markdown-text';

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: string[], rows: (string | number)[][]): string[] {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}

/**
 * The org review as Markdown: department roll-ups and every leader's figures, each beside the previous
 * period's, intervals where there are any; names escaped; no message text.
 *
 * @example process.stdout.write(formatOrgReviewMarkdown(review));
 */
export function formatOrgReviewMarkdown(o: OrgReview): string {
  const prev = o.previous?.label ?? 'previous';
  const pair = (label: string) => [label, `${label} ${prev}`];
  const both = (now: ShownRatio, then: ShownRatio | null | undefined) => [
    formatShownRatio(now),
    then ? formatShownRatio(then) : '',
  ];
  const lines = [
    `# Leadership review: the organisation, ${markdownText(o.period.label)}`,
    '',
    `Period ${o.period.from} to ${o.period.to} (end excluded); org chart as of ${o.asOf}; minimum volume ${o.minVolume}` +
      (o.previous
        ? `; compared with ${markdownText(o.previous.label)} (${o.previous.from} to ${o.previous.to}).`
        : '.'),
    '',
    '## Departments',
    '',
    ...table(
      [
        'department',
        'leaders',
        ...pair('upward proactivity'),
        ...pair('downward pull share'),
        ...pair('external pull share'),
        'leaders in the down band',
        'push-only',
      ],
      o.departments.map((d) => [
        markdownText(d.department),
        d.leaders,
        ...both(d.upwardProactivity, d.previous?.upwardProactivity),
        ...both(d.downwardPullShare, d.previous?.downwardPullShare),
        ...both(d.externalPullShare, d.previous?.externalPullShare),
        `${d.inBandDown.inBand} of ${d.inBandDown.rated}`,
        d.pushOnly,
      ]),
    ),
    '',
    `## Every leader (${o.leaders.length})`,
    '',
    ...table(
      [
        'leader',
        'email',
        'department',
        'reports',
        ...pair('upward proactivity'),
        ...pair('downward pull share'),
        ...pair('external pull share'),
        ...pair('team upward proactivity'),
        'up band',
        'down band',
        'flags',
      ],
      o.leaders.map((l) => [
        markdownText(l.name ?? ''),
        markdownText(l.email),
        markdownText(l.department ?? ''),
        l.reports,
        ...both(l.upwardProactivity, l.previous?.upwardProactivity),
        ...both(l.downwardPullShare, l.previous?.downwardPullShare),
        ...both(l.externalPullShare, l.previous?.externalPullShare),
        ...both(l.teamUpwardProactivity, l.previous?.teamUpwardProactivity),
        l.bands.up,
        l.bands.down,
        [l.pushOnly ? 'push-only' : '', l.outlier ? 'outlier' : ''].filter(Boolean).join(', '),
      ]),
    ),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The org review as CSV in long form, one figure per line:
 * `section,key,metric,period,value,low,high,raw,used,volume` (section `leader` keyed by email,
 * `department` by name; `value` is the shown figure or "not enough data", `used` says whether it is
 * the corrected or the raw share).
 *
 * @example process.stdout.write(formatOrgReviewCsv(review));
 */
export function formatOrgReviewCsv(o: OrgReview): string {
  const out: (string | number | null)[][] = [
    ['section', 'key', 'metric', 'period', 'value', 'low', 'high', 'raw', 'used', 'volume'],
  ];
  const ratio = (section: string, key: string, metric: string, period: string, r: ShownRatio) => {
    const { value, used } = shownValue(r);
    const rated = r.rated && value !== null;
    out.push([
      section,
      key,
      metric,
      period,
      rated ? value : NOT_ENOUGH_DATA,
      rated ? r.low : null,
      rated ? r.high : null,
      rated ? r.raw : null,
      rated ? used : null,
      r.volume,
    ]);
  };
  const prev = o.previous?.label ?? 'previous';
  const ratios = ['upwardProactivity', 'downwardPullShare', 'externalPullShare'] as const;
  const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  for (const l of o.leaders) {
    out.push(
      ['leader', l.email, 'name', o.period.label, l.name ?? '', null, null, null, null, null],
      ['leader', l.email, 'department', o.period.label, l.department ?? '', null, null, null, null, null],
      ['leader', l.email, 'reports', o.period.label, l.reports, null, null, null, null, null],
    );
    for (const [label, f] of [
      [o.period.label, l],
      [prev, l.previous],
    ] as const) {
      if (!f) continue;
      for (const k of [...ratios, 'teamUpwardProactivity'] as const)
        ratio('leader', l.email, snake(k), label, f[k]);
      out.push(
        ['leader', l.email, 'band_up', label, f.bands.up, null, null, null, null, null],
        ['leader', l.email, 'band_down', label, f.bands.down, null, null, null, null, null],
        ['leader', l.email, 'push_only', label, String(f.pushOnly), null, null, null, null, null],
      );
    }
    out.push(['leader', l.email, 'outlier', o.period.label, String(l.outlier), null, null, null, null, null]);
  }
  for (const d of o.departments) {
    out.push([
      'department',
      d.department,
      'leaders',
      o.period.label,
      d.leaders,
      null,
      null,
      null,
      null,
      null,
    ]);
    for (const [label, f] of [
      [o.period.label, d],
      [prev, d.previous],
    ] as const) {
      if (!f) continue;
      for (const k of ratios) ratio('department', d.department, snake(k), label, f[k]);
      out.push(
        [
          'department',
          d.department,
          'in_band_down',
          label,
          f.inBandDown.inBand,
          null,
          null,
          null,
          null,
          f.inBandDown.rated,
        ],
        ['department', d.department, 'push_only', label, f.pushOnly, null, null, null, null, null],
      );
    }
  }
  return `${out.map((line) => line.map(csvCell).join(',')).join('\n')}\n`;
}
