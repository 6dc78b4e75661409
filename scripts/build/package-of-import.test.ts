import { describe, expect, it } from 'vitest';
import { packageOfImport } from './package-of-import';

describe('packageOfImport', () => {
  it('names the package of a bare import, scoped or not, and nothing for a Node built-in', () => {
    expect(packageOfImport('pg')).toBe('pg');
    expect(packageOfImport('hono/cookie')).toBe('hono');
    expect(packageOfImport('@octokit/rest')).toBe('@octokit/rest');
    expect(packageOfImport('@electric-sql/pglite/vector')).toBe('@electric-sql/pglite');
    expect(packageOfImport('node:fs/promises')).toBeUndefined();
  });
});
