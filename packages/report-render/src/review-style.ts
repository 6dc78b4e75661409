/**
 * The review pack's whole stylesheet, inlined in every page: system fonts only (no web fonts, no
 * network), tables and charts that do not split across printed pages, A4 pages with room for the
 * footer the PDF printer adds (page numbers).
 */
export const REVIEW_CSS = `
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
  color: #0f172a; margin: 0 auto; max-width: 186mm; padding: 8mm 0; background: #fff; }
@media print { body { padding: 0; max-width: none; } }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; break-after: avoid; }
p { margin: 1mm 0 2mm; }
.lead { color: #334155; }
.muted, .prev { color: #64748b; }
.prev { font-size: 8.5pt; }
.nd { color: #64748b; font-style: italic; }
.note { font-size: 8.5pt; color: #475569; }
section { break-inside: auto; }
figure { margin: 2mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 8.5pt; color: #475569; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { text-align: left; padding: 1.2mm 1.6mm; border-bottom: 0.3mm solid #e2e8f0; vertical-align: top; }
th { font-weight: 600; color: #334155; background: #f8fafc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.outlier td { background: #fef2f2; }
/* A figure such as "72% (58–83%)" stays on one line; names, bands, flags and previous periods wrap. */
td[data-field]:not(.nd):not([class^="band"]):not([data-field="flags"]):not([data-field="name"]),
td[data-field] > div:first-child:not(.nd):not(.prev) { white-space: nowrap; }
td[data-field] .nd, .prev { white-space: normal; }
.band-in { color: #15803d; } .band-out { color: #b91c1c; } .band-nd { color: #64748b; font-style: italic; }
svg.chart { display: block; width: 100%; height: auto; max-width: 100%; }
svg.chart text { font-family: inherit; fill: #334155; }
svg.chart .tick { font-size: 9px; fill: #64748b; }
svg.chart .axis { font-size: 10px; }
svg.chart .legend, svg.chart .label, svg.chart .value { font-size: 10px; }
svg.chart .mark { font-size: 8px; fill: #0f172a; }
svg.chart .empty { font-size: 11px; fill: #64748b; font-style: italic; }
svg.chart .grid { stroke: #e2e8f0; stroke-width: 1; }
svg.chart .track { stroke: #cbd5e1; stroke-width: 1; }
svg.chart .error-bar { stroke-width: 1.4; stroke-opacity: 0.7; }
.scatter { max-width: 140mm; }
.split { display: flex; flex-wrap: wrap; gap: 6mm; align-items: flex-start; }
.split > .scatter { flex: 0 1 120mm; }
.split > .departments { flex: 1 1 120mm; min-width: 0; }
.page-break { break-before: page; page-break-before: always; }
header.pack { border-bottom: 0.5mm solid #0f172a; margin-bottom: 3mm; }
`;

/** The org page's additions: A4 landscape, so that every leader's figures fit on one row. */
export const ORG_REVIEW_CSS = `
@page { size: A4 landscape; }
body { max-width: 273mm; }
table[data-testid="leaders"] { font-size: 8pt; }
table[data-testid="leaders"] th, table[data-testid="leaders"] td { padding: 1mm 1.2mm; }
table[data-testid="leaders"] { table-layout: fixed; }
table[data-testid="leaders"] th { width: 10%; overflow-wrap: break-word; }
table[data-testid="leaders"] th:nth-child(1) { width: 3%; }
table[data-testid="leaders"] th:nth-child(2) { width: 18%; }
table[data-testid="leaders"] th:nth-child(3) { width: 9%; }
table[data-testid="leaders"] th:nth-child(4) { width: 6%; }
table[data-testid="leaders"] th:nth-child(n+9) { width: 8%; }
table[data-testid="leaders"] td { overflow-wrap: break-word; }
table[data-testid="leaders"] .prev { font-size: 7.5pt; }
`;
