import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { createPglite, isPrivateDir } from './pglite-template';

describe('createPglite (cluster template)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'pushpull-template-'));
  const template = path.join(root, 'templates', 'cluster-test');
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let prepared = 0;
  const prepare = async (pglite: PGlite) => {
    prepared++;
    await pglite.exec('create table prepared (n int); insert into prepared values (1)');
  };
  const count = async (db: PGlite, table: string) =>
    (await db.query<{ n: number }>('select count(*)::int as n from pg_tables where tablename = $1', [table]))
      .rows[0]?.n;

  it('makes the template once (initdb, then prepare) and copies every fresh folder from it', async () => {
    const first = await createPglite(path.join(root, 'a'), {}, template, () => {}, prepare);
    expect(prepared).toBe(1);
    expect(existsSync(path.join(template, 'PG_VERSION'))).toBe(true);
    expect(await count(first, 'prepared')).toBe(1);
    await first.exec('create table kept (n int)');
    await first.close();

    const second = await createPglite(path.join(root, 'b'), {}, template, () => {}, prepare);
    expect(prepared).toBe(1); // copied, not prepared again
    // what the template holds, and nothing the first database made later
    expect(await count(second, 'prepared')).toBe(1);
    expect(await count(second, 'kept')).toBe(0);
    await second.exec('create table t (n int); insert into t values (7)');
    await second.close();
    // …and the folder is a real cluster that reopens with its data.
    const again = await createPglite(path.join(root, 'b'), {}, template, () => {}, prepare);
    expect((await again.query<{ n: number }>('select n from t')).rows).toEqual([{ n: 7 }]);
    await again.close();
    expect(lstatSync(path.join(root, 'b')).mode & 0o777).toBe(0o700);
    // no half-made template is left beside it
    expect(readdirSync(path.dirname(template))).toEqual([path.basename(template)]);
  }, 120_000);

  it('falls back to initdb when the template is damaged, and drops it', async () => {
    writeFileSync(path.join(template, 'PG_VERSION'), '3\n');
    const db = await createPglite(path.join(root, 'c'), {}, template, () => {}, prepare);
    expect((await db.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    expect(await count(db, 'prepared')).toBe(0); // a plain initdb: the caller migrates
    await db.close();
    expect(existsSync(template)).toBe(false);
    // the next fresh folder makes a good one again
    const next = await createPglite(path.join(root, 'c2'), {}, template, () => {}, prepare);
    expect(await count(next, 'prepared')).toBe(1);
    await next.close();
    expect(readFileSync(path.join(template, 'PG_VERSION'), 'utf8').trim()).not.toBe('3');
  }, 120_000);

  it.runIf(process.getuid !== undefined)(
    'neither reads nor writes a template in a folder others may write, and keeps the data folder 0700',
    async () => {
      const open = path.join(root, 'open');
      mkdirSync(open);
      chmodSync(open, 0o777);
      expect(isPrivateDir(open)).toBe(false);
      // A planted cluster: were it copied, the database would hold its table.
      const planted = path.join(open, 'cluster-test');
      const source = await createPglite(path.join(root, 'source'), {}, template, () => {}, prepare);
      await source.close();
      cpSync(path.join(root, 'source'), planted, { recursive: true });
      const before = prepared;
      const db = await createPglite(path.join(root, 'd'), {}, planted, () => {}, prepare);
      expect(await count(db, 'prepared')).toBe(0);
      await db.close();
      expect(prepared).toBe(before); // nothing prepared for a template it may not keep
      expect(lstatSync(path.join(root, 'd')).mode & 0o777).toBe(0o700);
      rmSync(planted, { recursive: true });
      const again = await createPglite(path.join(root, 'e'), {}, planted, () => {}, prepare);
      await again.close();
      expect(existsSync(planted)).toBe(false); // nothing written there either
    },
    120_000,
  );
});
