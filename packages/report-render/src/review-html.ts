import { escapeHtml } from './escape-html';
import { formatRawNote, formatShownRatio, NOT_ENOUGH_DATA } from './format-shown-ratio';
import type { BandName, ReviewPeriod, ShownRatio } from './review-model';
import { REVIEW_CSS } from './review-style';

/** A whole self-contained page: inline stylesheet (plus `extraCss`), no script, no external resource. */
export function htmlPage(title: string, kind: string, body: string, extraCss = ''): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing on the page may load anything: the policy makes a stray URL inert in browsers too.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REVIEW_CSS}${extraCss}</style>`,
    '</head>',
    `<body data-report="${escapeHtml(kind)}">`,
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** `<tag attrs>content</tag>` with escaped attribute values; content is already HTML. */
export function el(
  tag: string,
  attrs: Record<string, string | null | undefined>,
  ...content: string[]
): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeHtml(v as string)}"`)
    .join('');
  return `<${tag}${a}>${content.join('')}</${tag}>`;
}

/** Text content, escaped. */
export const text = escapeHtml;

/** A body row: its cells, or its cells with attributes of the `tr` (e.g. a class). */
export type TableRow = readonly string[] | { attrs: Record<string, string | null>; cells: readonly string[] };

/** A table from a header row and body rows of HTML cells (`td`/`th` included). */
export function table(
  attrs: Record<string, string>,
  header: readonly string[],
  rows: readonly TableRow[],
): string {
  return el(
    'table',
    attrs,
    el('thead', {}, el('tr', {}, ...header)),
    el(
      'tbody',
      {},
      ...rows.map((row) => ('cells' in row ? el('tr', row.attrs, ...row.cells) : el('tr', {}, ...row))),
    ),
  );
}

/** A header cell (`num` right-aligns). */
export function th(content: string, num = false): string {
  return el('th', num ? { class: 'num' } : {}, text(content));
}

/** A ratio cell: the shown figure (with its interval), "not enough data" in grey when not rated. */
export function ratioCell(r: ShownRatio, field: string): string {
  const shown = formatShownRatio(r);
  return el('td', { 'data-field': field, class: shown === NOT_ENOUGH_DATA ? 'nd' : null }, text(shown));
}

/** A ratio cell with the previous period's figure in small grey text under it. */
export function ratioCellWithPrevious(
  r: ShownRatio,
  previous: ShownRatio | null,
  previousLabel: string | null,
  field: string,
): string {
  const shown = formatShownRatio(r);
  const prev =
    previous && previousLabel
      ? el(
          'div',
          { class: 'prev', 'data-previous': field },
          text(`${previousLabel}: ${formatShownRatio(previous)}`),
        )
      : '';
  return el(
    'td',
    { 'data-field': field },
    el('div', { class: shown === NOT_ENOUGH_DATA ? 'nd' : null }, text(shown)),
    prev,
  );
}

/** The raw share and which figure is shown, for the column beside a ratio. */
export function rawCell(r: ShownRatio): string {
  return el('td', { class: 'muted' }, text(formatRawNote(r)));
}

/** How sure a figure is, in plain words: metrics' own words when given, else a short fallback. */
export function certaintyText(r: ShownRatio, minVolume: number): string {
  if (r.certainty) return r.certainty;
  const events = `${r.volume} event${r.volume === 1 ? '' : 's'}`;
  if (!r.rated)
    return `Not enough data: ${events} (at least ${minVolume} needed, and a narrow enough interval).`;
  if (r.low === null || r.high === null) return `From ${events}; no interval (shown as labelled).`;
  return `From ${events}; ${Math.round((r.level ?? 0.9) * 100)}% interval shown.`;
}

/** A band name, coloured. */
export function bandCell(band: BandName | null, field: string): string {
  if (band === null) return el('td', { 'data-field': field }, '');
  const cls = band === 'in band' ? 'band-in' : band === NOT_ENOUGH_DATA ? 'band-nd' : 'band-out';
  return el('td', { 'data-field': field, class: cls }, text(band));
}

/** "2026-Q3 (2026-07-01 to 2026-09-30)": the last day shown inclusive. */
export function periodText(p: ReviewPeriod): string {
  const last = new Date(Date.parse(`${p.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return `${p.label} (${p.from} to ${last})`;
}

/** The reading guide printed under every title: what the figures mean and that no text is shown. */
export function readingGuide(minVolume: number, hasIntervals: boolean): string {
  const how = hasIntervals
    ? 'Each ratio reads like “72% (58–83%)”: the share corrected for the classifier’s known errors, then the 90% interval the true share lies in. The share as labelled (raw) is beside it, with which of the two is shown.'
    : 'Each ratio is the share as the classifier labelled it (raw); no correction or interval is available for these figures.';
  return el(
    'p',
    { class: 'note', 'data-testid': 'reading-guide' },
    text(
      `${how} A ratio from fewer than ${minVolume} events (or too unsure) reads “not enough data”, never a number. Bands are decided on the interval. Counts and labels only: no message text is stored or shown.`,
    ),
  );
}

/** True when any ratio in the list carries an interval. */
export function anyInterval(ratios: readonly ShownRatio[]): boolean {
  return ratios.some((r) => r.low !== null && r.high !== null);
}
