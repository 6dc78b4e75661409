/**
 * The logins @mentioned in a Markdown body, in order of first appearance, without duplicates
 * (case-insensitive). Skips code (fenced blocks and inline spans), quoted lines (`> …`, a copy of
 * someone else's words), e-mail addresses and team mentions (`@org/team`). GitHub logins are
 * 1–39 letters, digits or single hyphens, not starting or ending with a hyphen.
 *
 * @example extractMentions('cc @alice and @Bob, see a@b.com') // ['alice', 'Bob']
 */
export function extractMentions(body: string | null | undefined): string[] {
  if (!body) return [];
  const text = body
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    .replace(/~~~[\s\S]*?(~~~|$)/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .split('\n')
    .filter((line) => !/^\s*>/.test(line))
    .join('\n');
  const found = new Map<string, string>();
  const re = /(^|[^\w@/.`-])@([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})(?![\w/-]|\.\w|@|\[bot\])/gi;
  for (const m of text.matchAll(re)) {
    const login = m[2]!;
    if (!found.has(login.toLowerCase())) found.set(login.toLowerCase(), login);
  }
  return [...found.values()];
}
