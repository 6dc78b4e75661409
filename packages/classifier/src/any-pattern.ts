import type { NamedPattern } from './phrase-patterns';

/**
 * One RegExp that matches where any of `patterns` matches: a quick test before the patterns are
 * tried one by one for their ids. Patterns with other flags than the first one's are tried alone.
 *
 * @example anyPattern([{ id: 'a', pattern: /^a/ }, { id: 'b', pattern: /b$/ }]).test('xb') === true
 */
export function anyPattern(patterns: readonly NamedPattern[]): { test(text: string): boolean } {
  const flags = patterns[0]?.pattern.flags ?? '';
  const same = patterns.filter((p) => p.pattern.flags === flags && !p.pattern.global);
  const others = patterns.filter((p) => !same.includes(p));
  const combined =
    same.length > 0 ? new RegExp(same.map((p) => `(?:${p.pattern.source})`).join('|'), flags) : null;
  return {
    test: (text) => combined?.test(text) === true || others.some((p) => p.pattern.test(text)),
  };
}
