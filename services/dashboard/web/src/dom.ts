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

/** A ratio with its volume: "62% (n=13)" or "not enough data (n=3)". */
export function ratioCell(value: number | null, volume: number, field: string): HTMLElement {
  return h(
    'td',
    { class: value === null ? 'num nd' : 'num', 'data-field': field },
    h('span', { 'data-ratio': '' }, pct(value)),
    h('small', {}, ` (n=${volume})`),
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
