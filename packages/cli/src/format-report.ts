import { csvCell } from '@pushpull/core';
import { type DirectionCounts, formatRatio, NOT_ENOUGH_DATA } from '@pushpull/metrics';
import type { LeaderReport } from './leader-report';
import { markdownText } from './report/markdown-text';

const BAND_DIRECTIONS = ['up', 'down', 'peer', 'external'] as const;
const DIRECTIONS = ['up', 'down', 'peer', 'lateral', 'external', 'unknown', 'broadcast', 'none'] as const;

function hours(ms: number | null): string {
  return ms === null ? NOT_ENOUGH_DATA : `${(ms / 3_600_000).toFixed(1)} h`;
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: string[], rows: (string | number)[][]): string[] {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}

function directionsWithData(counts: DirectionCounts) {
  return DIRECTIONS.filter((d) => {
    const c = counts[d];
    return c && c.push + c.pull + c.neutral > 0;
  });
}

/**
 * The leadership review as Markdown: ratios with their volumes, "not enough data" below the minimum
 * volume, names escaped, no message text.
 *
 * @example process.stdout.write(formatReportMarkdown(report));
 */
export function formatReportMarkdown(r: LeaderReport): string {
  const m = r.metrics;
  const up = r.counts.up;
  const who = r.leader.name
    ? `${markdownText(r.leader.name)} (${markdownText(r.leader.email)})`
    : markdownText(r.leader.email);
  const trendText = (t: LeaderReport['trends']['upwardProactivity']) =>
    t.change === null
      ? t.direction
      : `${t.direction} (${t.change >= 0 ? '+' : ''}${t.change.toFixed(2)} over the period)`;
  const lines = [
    `# Leadership review: ${who}, ${markdownText(r.period.label)}`,
    '',
    `Period ${r.period.from} to ${r.period.to} (end excluded); team as of ${r.asOf}; minimum volume ${r.settings.minVolume}.`,
    '',
    '## Balance profile',
    '',
    ...table(
      ['direction', 'push', 'pull', 'neutral', 'push share', 'band', 'target'],
      directionsWithData(r.counts).map((d) => {
        const c = r.counts[d] ?? { push: 0, pull: 0, neutral: 0 };
        const band = (BAND_DIRECTIONS as readonly string[]).includes(d)
          ? m.bands[d as (typeof BAND_DIRECTIONS)[number]]
          : '';
        const target = (BAND_DIRECTIONS as readonly string[]).includes(d)
          ? r.settings.bands[d as (typeof BAND_DIRECTIONS)[number]].join('–')
          : '';
        return [d, c.push, c.pull, c.neutral, formatRatio(m.pushShare[d]), band, target];
      }),
    ),
    '',
    '## Key figures',
    '',
    ...table(
      ['metric', 'value', 'volume'],
      [
        ['upward proactivity', formatRatio(m.upwardProactivity), `${up?.push ?? 0} pushes up`],
        ['downward pull share', formatRatio(m.downwardPullShare), `${m.volume.down} pushes + pulls down`],
        [
          'external pull share',
          formatRatio(m.externalPullShare),
          `${m.volume.external} pushes + pulls external`,
        ],
        ['push-only (directive crutch)', m.pushOnly ? 'yes' : 'no', ''],
        ['pulls received from own manager', r.pulledByManager.pullsReceived, ''],
        [
          'share answered',
          formatRatio(r.pulledByManager.answeredShare),
          `${r.pulledByManager.answered} answered`,
        ],
        [
          'median response time',
          hours(r.pulledByManager.medianResponseMs),
          `${r.pulledByManager.answered} answers`,
        ],
        ['events per week', r.eventsPerWeek.toFixed(1), ''],
      ],
    ),
    '',
    `## Team culture (${r.team.reports} direct reports)`,
    '',
    ...table(
      ['metric', 'value', 'volume'],
      [
        [
          'team upward proactivity (median of reports)',
          r.team.withheld ? `withheld: ${r.team.withheld}` : formatRatio(r.team.upwardProactivity),
          `${r.team.reportsWithData} of ${r.team.fullPeriodReportIds.length} reports present all period with enough pushes up`,
        ],
        ['trend by week', trendText(r.team.trend), ''],
        ['pulls the reports received from their manager', r.team.pullsToReports.pullsReceived, ''],
        [
          'median response time of the reports',
          r.team.pullsToReportsWithheld
            ? `withheld: ${r.team.pullsToReportsWithheld}`
            : hours(r.team.pullsToReports.medianResponseMs),
          r.team.pullsToReportsWithheld ? '' : `${r.team.pullsToReports.answered} answers`,
        ],
      ],
    ),
    '',
    '## Trend by week',
    '',
    `Downward pull share: ${trendText(r.trends.downwardPullShare)}. Upward proactivity: ${trendText(r.trends.upwardProactivity)}.`,
    '',
    ...table(
      [
        'week',
        'events',
        'push share up',
        'downward pull share',
        'upward proactivity',
        'team upward proactivity',
      ],
      r.weeks.map((w) => [
        w.week,
        w.events,
        formatRatio(w.upPushShare),
        formatRatio(w.downwardPullShare),
        formatRatio(w.upwardProactivity),
        formatRatio(w.teamUpwardProactivity),
      ]),
    ),
    '',
    '## Context by source',
    '',
    ...table(
      ['source', 'push', 'pull', 'neutral'],
      [...new Set(r.sources.map((s) => s.source))].map((source) => {
        const n = (mode: string) =>
          r.sources.find((s) => s.source === source && s.mode === mode)?.events ?? 0;
        return [markdownText(source), n('push'), n('pull'), n('neutral')];
      }),
    ),
    '',
    '## Reasons behind the labels',
    '',
    ...table(
      ['mode', 'reason', 'events'],
      r.reasons.map((x) => [x.mode, markdownText(x.reason), x.events]),
    ),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The leadership review as CSV in long form, one figure per line:
 * `section,metric,key,value,volume` (ratios below the minimum volume read "not enough data").
 *
 * @example process.stdout.write(formatReportCsv(report));
 */
export function formatReportCsv(r: LeaderReport): string {
  const m = r.metrics;
  const out: (string | number)[][] = [['section', 'metric', 'key', 'value', 'volume']];
  const ratio = (v: number | null) => (v === null ? NOT_ENOUGH_DATA : v);
  out.push(
    ['leader', 'person_id', '', r.leader.personId, ''],
    ['leader', 'email', '', r.leader.email, ''],
    ['leader', 'name', '', r.leader.name ?? '', ''],
    ['leader', 'period', r.period.label, `${r.period.from}/${r.period.to}`, ''],
  );
  for (const d of directionsWithData(r.counts)) {
    const c = r.counts[d];
    if (!c) continue;
    out.push(
      ['balance', 'push', d, c.push, ''],
      ['balance', 'pull', d, c.pull, ''],
      ['balance', 'neutral', d, c.neutral, ''],
      ['balance', 'push_share', d, ratio(m.pushShare[d]), m.volume[d]],
    );
  }
  for (const d of BAND_DIRECTIONS) out.push(['balance', 'band', d, m.bands[d], m.volume[d]]);
  out.push(
    ['metrics', 'upward_proactivity', '', ratio(m.upwardProactivity), r.counts.up?.push ?? 0],
    ['metrics', 'downward_pull_share', '', ratio(m.downwardPullShare), m.volume.down],
    ['metrics', 'external_pull_share', '', ratio(m.externalPullShare), m.volume.external],
    ['metrics', 'push_only', '', String(m.pushOnly), ''],
    ['metrics', 'pulls_received_from_manager', '', r.pulledByManager.pullsReceived, ''],
    [
      'metrics',
      'answered_share',
      '',
      ratio(r.pulledByManager.answeredShare),
      r.pulledByManager.pullsReceived,
    ],
    [
      'metrics',
      'median_response_hours',
      '',
      r.pulledByManager.medianResponseMs === null
        ? NOT_ENOUGH_DATA
        : r.pulledByManager.medianResponseMs / 3_600_000,
      r.pulledByManager.answered,
    ],
    ['metrics', 'events_per_week', '', r.eventsPerWeek, ''],
    ['team', 'direct_reports', '', r.team.reports, ''],
    [
      'team',
      'team_upward_proactivity',
      '',
      r.team.withheld ? `withheld: ${r.team.withheld}` : ratio(r.team.upwardProactivity),
      r.team.reportsWithData,
    ],
    ['team', 'trend', '', r.team.trend.direction, ''],
    ['team', 'pulls_to_reports', '', r.team.pullsToReports.pullsReceived, ''],
  );
  for (const w of r.weeks) {
    out.push(
      ['week', 'events', w.week, w.events, ''],
      ['week', 'push_share_up', w.week, ratio(w.upPushShare), ''],
      ['week', 'downward_pull_share', w.week, ratio(w.downwardPullShare), ''],
      ['week', 'upward_proactivity', w.week, ratio(w.upwardProactivity), ''],
      ['week', 'team_upward_proactivity', w.week, ratio(w.teamUpwardProactivity), ''],
    );
  }
  for (const s of r.sources) out.push(['source', s.mode, s.source, s.events, '']);
  for (const x of r.reasons) out.push(['reason', x.mode, x.reason, x.events, '']);
  return `${out.map((line) => line.map(csvCell).join(',')).join('\n')}\n`;
}
