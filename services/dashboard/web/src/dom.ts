/** Children of an element: strings become text nodes (never HTML), null/false are skipped. */
export type Child = Node | string | number | null | undefined | false;

/**
 * Creates an element. Attributes are set with setAttribute and text with text nodes, so nothing
 * from the server is ever parsed as HTML.
 *
 * @example h('td', { 'data-field': 'push' }, 12)
 */
export function h(
  tag: string,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
}

/** A ratio as a percentage, or "not enough data" when null. */
export function pct(value: number | null): string {
  return value === null ? 'not enough data' : `${Math.round(value * 100)}%`;
}

/** A ratio with its estimate and 90% interval, as the API returns it. */
export interface Figure {
  raw: number | null;
  corrected: number | null;
  low: number | null;
  high: number | null;
  volume: number;
  level: number;
  /** A number to show, rather than "not enough data" (enough events, interval narrow enough). */
  rated: boolean;
}

/** "58–74%": an interval in whole percent. */
export function intervalText(f: Pick<Figure, 'low' | 'high'>): string {
  return f.low === null || f.high === null ? '' : `${Math.round(f.low * 100)}–${Math.round(f.high * 100)}%`;
}

/**
 * A figure with its interval and volume: "62% (90%: 55–70%, n=40)"; "not enough data (n=3)" when
 * not rated (too few events or an interval too wide to call, whose span is still given). The cell
 * carries the figures in data attributes (value, low, high, raw, volume) for tests and copy-paste.
 */
export function figureCell(f: Figure, field: string): HTMLElement {
  const shown = f.rated ? f.corrected : null;
  const interval = intervalText(f);
  return h(
    'td',
    {
      class: shown === null ? 'num nd' : 'num',
      'data-field': field,
      'data-rated': String(f.rated),
      'data-corrected': f.corrected === null ? undefined : String(f.corrected),
      'data-low': f.low === null ? undefined : String(f.low),
      'data-high': f.high === null ? undefined : String(f.high),
      'data-raw': f.raw === null ? undefined : String(f.raw),
      'data-volume': String(f.volume),
      title:
        f.raw === null
          ? undefined
          : `as labelled ${Math.round(f.raw * 100)}%; ${Math.round(f.level * 100)}% interval ${interval}`,
    },
    h('span', { 'data-ratio': '' }, pct(shown)),
    h(
      'small',
      {},
      interval ? ` (${Math.round(f.level * 100)}%: ${interval}, n=${f.volume})` : ` (n=${f.volume})`,
    ),
  );
}

/** A number cell. */
export function numCell(value: number | string, field: string): HTMLElement {
  return h('td', { class: 'num', 'data-field': field }, value);
}

/** The app's hash route as parts: '#/leader/p%3Aa' → ['leader', 'p:a']. */
export function route(): string[] {
  return location.hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
}

/** A link to a hash route. */
export function link(parts: string[], text: string, attrs: Record<string, string> = {}): HTMLElement {
  return h('a', { href: `#/${parts.map((p) => encodeURIComponent(p)).join('/')}`, ...attrs }, text);
}
