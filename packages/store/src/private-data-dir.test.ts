import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePrivateDir } from './private-data-dir';

describe.runIf(process.getuid !== undefined)('makePrivateDir', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'pushpull-private-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const mode = (p: string) => lstatSync(p).mode & 0o777;

  it('creates the folder and its missing parents 0700, silently', () => {
    const warnings: string[] = [];
    makePrivateDir(path.join(root, 'a', 'pglite'), (m) => warnings.push(m));
    expect(mode(path.join(root, 'a'))).toBe(0o700);
    expect(mode(path.join(root, 'a', 'pglite'))).toBe(0o700);
    expect(warnings).toEqual([]);
  });

  it('closes an open folder and its files once, with one warning, and leaves links alone', () => {
    const dir = path.join(root, 'b');
    mkdirSync(path.join(dir, 'base'), { recursive: true });
    writeFileSync(path.join(dir, 'base', 'f'), 'x');
    const outside = path.join(root, 'outside');
    writeFileSync(outside, 'y');
    chmodSync(outside, 0o644);
    symlinkSync(outside, path.join(dir, 'link'));
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'base'), 0o775);
    chmodSync(path.join(dir, 'base', 'f'), 0o664);
    const warnings: string[] = [];
    makePrivateDir(dir, (m) => warnings.push(m));
    expect([mode(dir), mode(path.join(dir, 'base')), mode(path.join(dir, 'base', 'f'))]).toEqual([
      0o700, 0o700, 0o600,
    ]);
    expect(mode(outside)).toBe(0o644);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(dir);
    makePrivateDir(dir, (m) => warnings.push(m));
    expect(warnings).toHaveLength(1);
  });

  it('closes the files of a closed folder without a word (nothing was reachable)', () => {
    const dir = path.join(root, 'd');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(path.join(dir, 'f'), 'x', { mode: 0o644 });
    chmodSync(path.join(dir, 'f'), 0o644);
    const warnings: string[] = [];
    makePrivateDir(dir, (m) => warnings.push(m));
    expect(mode(path.join(dir, 'f'))).toBe(0o600);
    expect(warnings).toEqual([]);
  });

  it('says nothing when quiet', () => {
    const dir = path.join(root, 'c');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const warnings: string[] = [];
    makePrivateDir(dir, (m) => warnings.push(m), { quiet: true });
    expect(mode(dir)).toBe(0o700);
    expect(warnings).toEqual([]);
  });
});
