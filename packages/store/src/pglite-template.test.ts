import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPglite, isPrivateDir } from './pglite-template';

describe('createPglite (cluster template)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'pushpull-template-'));
  const template = path.join(root, 'cluster.tar.gz');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('leaves a template after a fresh initdb and fills the next fresh folder from it', async () => {
    const first = await createPglite(path.join(root, 'a'), {}, template);
    await first.exec('create table kept (n int)');
    await first.close();
    expect(statSync(template).size).toBeGreaterThan(100_000);

    const second = await createPglite(path.join(root, 'b'), {}, template);
    // An empty cluster: what the first database created later is not in the template.
    const tables = await second.query<{ n: number }>(
      "select count(*)::int as n from pg_tables where tablename = 'kept'",
    );
    expect(tables.rows[0]?.n).toBe(0);
    await second.exec('create table t (n int); insert into t values (7)');
    await second.close();
    // …and the folder is a real cluster that reopens with its data.
    const again = await createPglite(path.join(root, 'b'), {}, template);
    expect((await again.query<{ n: number }>('select n from t')).rows).toEqual([{ n: 7 }]);
    await again.close();
  }, 120_000);

  it('falls back to initdb when the template is damaged, and replaces it', async () => {
    writeFileSync(template, 'not a tarball');
    const db = await createPglite(path.join(root, 'c'), {}, template);
    expect((await db.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await db.close();
    expect(existsSync(template)).toBe(true);
    expect(statSync(template).size).toBeGreaterThan(100_000);
  }, 120_000);

  it.runIf(process.getuid !== undefined)(
    'neither reads nor writes a template in a folder others may write, and keeps the data folder 0700',
    async () => {
      const open = path.join(root, 'open');
      mkdirSync(open);
      chmodSync(open, 0o777);
      expect(isPrivateDir(open)).toBe(false);
      const foreign = path.join(open, 'cluster.tar.gz');
      // A template that is read gets removed when damaged, and replaced by a real one: this one stays.
      writeFileSync(foreign, 'not a tarball');
      const db = await createPglite(path.join(root, 'd'), {}, foreign);
      await db.close();
      expect(statSync(foreign).size).toBe('not a tarball'.length);
      expect(lstatSync(path.join(root, 'd')).mode & 0o777).toBe(0o700);
      rmSync(foreign);
      const again = await createPglite(path.join(root, 'e'), {}, foreign);
      await again.close();
      expect(existsSync(foreign)).toBe(false); // nothing written there either
    },
    120_000,
  );
});
