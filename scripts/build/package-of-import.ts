/**
 * The npm package a bare import specifier belongs to, or undefined for Node's built-ins.
 *
 * @example packageOfImport('hono/cookie') // 'hono'
 * @example packageOfImport('@octokit/rest') // '@octokit/rest'
 * @example packageOfImport('node:fs') // undefined
 */
export function packageOfImport(specifier: string): string | undefined {
  if (specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
