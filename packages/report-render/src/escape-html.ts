const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML (and SVG) content and quoted attribute values: names from the org chart may
 * hold `<`, `&` or quotes.
 *
 * @example escapeHtml('Lea <b>"Smith"</b>') // 'Lea &lt;b&gt;&quot;Smith&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}
