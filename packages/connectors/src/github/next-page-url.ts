/**
 * The `rel="next"` URL of a `Link` header (RFC 8288, as GitHub sends it), or null on the last page.
 * Always follow it as given: GitHub may page by cursor instead of `page=`.
 *
 * @example nextPageUrl('<https://api.github.com/repos/a/b/issues?page=2>; rel="next", <…?page=5>; rel="last"')
 * // 'https://api.github.com/repos/a/b/issues?page=2'
 */
export function nextPageUrl(link: string | null | undefined): string | null {
  if (!link) return null;
  for (const m of link.matchAll(/<([^>]*)>([^<]*)/g)) {
    for (const param of m[2]!.replace(/,\s*$/, '').split(';')) {
      const [name, value] = param.split('=').map((s) => s.trim());
      if (name?.toLowerCase() !== 'rel' || value === undefined) continue;
      if (value.replace(/^"|"$/g, '').split(/\s+/).includes('next')) return m[1]!;
    }
  }
  return null;
}
