/**
 * Markdown-escapes text from the org chart (names may hold `|`, `*`, `<` …) for a heading or a table
 * cell: every markup character gets a backslash, a line break becomes a space.
 *
 * @example markdownText('R&D | *core*') // 'R&D \\| \\*core\\*'
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
