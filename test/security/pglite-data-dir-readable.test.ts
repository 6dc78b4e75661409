import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '@pushpull/store';
import { afterAll, describe, expect, it } from 'vitest';

// Finding 11 of issue 14: the embedded database folder (password hashes, the pseudonym key, every
// fact) was created with the umask's 0755/0644, so any local user could copy it. Here another user
// is anyone the group/other permission bits let in.

/** Every path under `dir` (itself included) whose mode lets group or others in, with its mode. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const walk = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o077) !== 0)
      found.push(`${path.relative(dir, p) || '.'} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(path.join(p, name));
  };
  walk(dir);
  return found;
}

function loosen(p: string): void {
  const st = lstatSync(p);
  if (st.isSymbolicLink()) return;
  chmodSync(p, st.isDirectory() ? 0o755 : 0o644);
  if (st.isDirectory()) for (const name of readdirSync(p)) loosen(path.join(p, name));
}

describe.runIf(process.getuid !== undefined)('finding 11: the PGlite data folder', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'pushpull-sec-datadir-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const dataDir = path.join(root, 'data');
  const pgliteDir = path.join(dataDir, 'pglite');

  it('is created 0700 with nothing inside open to group or others', async () => {
    const store = await openStore({ dataDir, warn: () => {} });
    await store.close();
    expect(lstatSync(pgliteDir).mode & 0o777).toBe(0o700);
    expect(openToOthers(pgliteDir)).toEqual([]);
  }, 120_000);

  it('closes an existing folder others could read, saying so once', async () => {
    loosen(pgliteDir);
    expect(openToOthers(pgliteDir).length).toBeGreaterThan(100);
    const warnings: string[] = [];
    const store = await openStore({ dataDir, warn: (m) => warnings.push(m) });
    await store.close();
    expect(lstatSync(pgliteDir).mode & 0o777).toBe(0o700);
    expect(openToOthers(pgliteDir)).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(pgliteDir);

    // Once closed, a later open has nothing to say.
    const again = await openStore({ dataDir, warn: (m) => warnings.push(m) });
    await again.close();
    expect(warnings).toHaveLength(1);
  }, 120_000);
});
