import type { RatioFigure } from './leader-figures';
import type { LeaderSummary } from './leaders-report';

const DIRECTIONS = ['up', 'down', 'peer', 'lateral', 'external'] as const;

/** Escapes the five HTML-special characters. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A corrected figure with its interval, or "not enough data" (with the interval, when there is one). */
function ratio(f: RatioFigure): string {
  const interval = f.low === null || f.high === null ? '' : `90%: ${pct(f.low)}–${pct(f.high)}, `;
  const small = `<br><small>${interval}n=${f.volume}</small>`;
  return f.rated && f.corrected !== null
    ? `${pct(f.corrected)}${small}`
    : `<span class="nd">not enough data</span>${small}`;
}

/** How a leader is labelled: name (and address below it), or the pseudonym when both are withheld. */
function leaderCell(l: LeaderSummary): string {
  const label = escapeHtml(l.name ?? l.email ?? l.personId);
  return l.email === null ? label : `${label}<br><small>${escapeHtml(l.email)}</small>`;
}

/**
 * The plain leaders page: one row per leader with push/pull counts per direction and the headline
 * ratios. Every value from the database is escaped; no message text exists to show. Pseudonymised
 * rows (analysts: no name, no address) show the pseudonym.
 *
 * @example c.html(renderLeadersPage(leaders, 'last-90d', { pseudonymised: false }))
 */
export function renderLeadersPage(
  leaders: LeaderSummary[],
  period: string,
  options: { pseudonymised?: boolean } = {},
): string {
  const head = DIRECTIONS.map((d) => `<th>${d}<br><small>push / pull</small></th>`).join('');
  const rows = leaders
    .map((l) => {
      const cells = DIRECTIONS.map((d) => {
        const c = l.counts[d];
        return `<td class="num">${c ? `${c.push} / ${c.pull}` : '0 / 0'}</td>`;
      }).join('');
      return `<tr><td>${leaderCell(l)}</td><td class="num">${l.reports}</td>${cells}<td class="num">${ratio(l.figures.upwardProactivity)}</td><td class="num">${ratio(l.figures.downwardPullShare)}</td><td>${l.metrics.pushOnly ? 'push-only' : ''}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pushpull — leaders</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse}th,td{padding:.35rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
th{background:#f4f4f4}.num{text-align:right;font-variant-numeric:tabular-nums}.nd{color:#999;font-size:12px}small{color:#777}
</style></head>
<body>
<h1>pushpull — leaders</h1>
<p>Period: <strong>${escapeHtml(period)}</strong> · ${leaders.length} leaders${options.pseudonymised ? ' (pseudonymised)' : ''} · counts are events from each leader's point of view.
Change with <code>?period=2026-Q3</code>, <code>2026-07</code>, <code>2026-W27</code>, <code>last-30d</code>, <code>last-90d</code> or <code>last-365d</code>.
Shares are corrected for the classifier's known errors per source, with their 90% interval; a share
is "not enough data" below the minimum volume or when its interval is wider than the maximum width (30% unless set).</p>
<table>
<thead><tr><th>leader</th><th>reports</th>${head}<th>upward proactivity</th><th>downward pull share</th><th></th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>`;
}
