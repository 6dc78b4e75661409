import { csvCell } from '@pushpull/core';
import {
  formatRawNote,
  formatShownRatio,
  type LeaderReview,
  NOT_ENOUGH_DATA,
  type ShownRatio,
  shownValue,
} from '@pushpull/report-render';

/** Markdown-escapes a table cell: what would break the table or turn into markup. */
function md(text: string): string {
  return text.replace(/[\\`*_<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function rows(
  r: LeaderReview,
): { metric: string; label: string; now: ShownRatio; before: ShownRatio | null }[] {
  return [
    ...r.ratios.map((x) => ({
      metric: x.key.replaceAll('-', '_'),
      label: x.label,
      now: x.value,
      before: x.previous,
    })),
    ...r.directions.map((d) => ({
      metric: `push_share_${d.direction}`,
      label: `push share ${d.direction}`,
      now: d.pushShare,
      before: d.previous?.pushShare ?? null,
    })),
    {
      metric: 'team_upward_proactivity',
      label: 'team upward proactivity (median of reports)',
      now: r.team.upwardProactivity,
      before: r.team.previousUpwardProactivity,
    },
  ];
}

/**
 * The corrected figures of a leader's review as a Markdown section, appended to the Markdown review:
 * each ratio as the share corrected for the classifier's known errors with its 90% interval, the raw
 * share beside it, the previous period, and how sure it is in plain words.
 *
 * @example process.stdout.write(formatReportMarkdown(report) + formatCorrectedMarkdown(review));
 */
export function formatCorrectedMarkdown(r: LeaderReview): string {
  const prev = r.previous?.label ?? 'previous';
  const lines = [
    '## Figures corrected for the classifier’s known errors (90% intervals)',
    '',
    `Each share corrected for the classifier's published confusion on each source, with the interval the true share lies in (90%); "not enough data" below ${r.minVolume} events or when the interval is too wide. The tables above are the shares as labelled.`,
    '',
    `| metric | ${md(r.period.label)} | raw share | ${md(prev)} | how sure |`,
    '| --- | --- | --- | --- | --- |',
    ...rows(r).map(
      (x) =>
        `| ${md(x.label)} | ${formatShownRatio(x.now)} | ${md(formatRawNote(x.now))} | ${x.before ? formatShownRatio(x.before) : ''} | ${md(x.now.certainty ?? '')} |`,
    ),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The corrected figures as CSV lines in the review's long form (`section,metric,key,value,volume`),
 * appended to the CSV review: section `corrected` (this period) and `corrected_previous`, keys
 * `value`, `low`, `high`, `raw`, `used` (which share is shown: corrected or raw).
 *
 * @example process.stdout.write(formatReportCsv(report) + formatCorrectedCsv(review));
 */
export function formatCorrectedCsv(r: LeaderReview): string {
  const out: (string | number)[][] = [];
  const push = (section: string, metric: string, f: ShownRatio) => {
    const { value, used } = shownValue(f);
    if (!f.rated || value === null) {
      out.push([section, metric, 'value', NOT_ENOUGH_DATA, f.volume]);
      return;
    }
    out.push([section, metric, 'value', value, f.volume]);
    if (f.low !== null) out.push([section, metric, 'low', f.low, f.volume]);
    if (f.high !== null) out.push([section, metric, 'high', f.high, f.volume]);
    if (f.raw !== null) out.push([section, metric, 'raw', f.raw, f.volume]);
    out.push([section, metric, 'used', used, f.volume]);
  };
  for (const x of rows(r)) push('corrected', x.metric, x.now);
  for (const x of rows(r)) if (x.before) push('corrected_previous', x.metric, x.before);
  return out.length === 0 ? '' : `${out.map((line) => line.map(csvCell).join(',')).join('\n')}\n`;
}
