import { PGlite } from '@electric-sql/pglite';
import { type Generated, Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayWrite, PGliteDialect } from './pglite-dialect';

interface TestDB {
  counter: { id: number; value: number };
  log: { seq: Generated<number>; caller: string; step: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PGliteDialect', { timeout: 60_000 }, () => {
  let db: Kysely<TestDB>;

  beforeAll(async () => {
    const pglite = await PGlite.create('memory://');
    db = new Kysely<TestDB>({ dialect: new PGliteDialect({ pglite }) });
    await sql`create table counter (id int primary key, value int not null)`.execute(db);
    await sql`create table log (seq serial primary key, caller text not null, step int not null)`.execute(db);
    await db.insertInto('counter').values({ id: 1, value: 0 }).execute();
  }, 60_000);

  afterAll(async () => {
    await db?.destroy();
  });

  it('never interleaves transactions of concurrent callers', async () => {
    const work = (caller: string) =>
      db.transaction().execute(async (tx) => {
        const { value } = await tx
          .selectFrom('counter')
          .select('value')
          .where('id', '=', 1)
          .executeTakeFirstOrThrow();
        await tx.insertInto('log').values({ caller, step: 1 }).execute();
        await sleep(5); // give another caller every chance to cut in
        await tx.insertInto('log').values({ caller, step: 2 }).execute();
        await tx
          .updateTable('counter')
          .set({ value: value + 1 })
          .where('id', '=', 1)
          .execute();
      });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map(work));
    const { value } = await db
      .selectFrom('counter')
      .select('value')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    expect(value).toBe(5); // no lost update
    const log = await db.selectFrom('log').select(['caller', 'step']).orderBy('seq').execute();
    for (let i = 0; i < log.length; i += 2) {
      expect(log[i]?.caller).toBe(log[i + 1]?.caller);
      expect([log[i]?.step, log[i + 1]?.step]).toEqual([1, 2]);
    }
  });

  it('rolls back a failed transaction and reports affected rows', async () => {
    await expect(
      db.transaction().execute(async (tx) => {
        await tx.updateTable('counter').set({ value: 1000 }).where('id', '=', 1).execute();
        await sql`select 1 / 0`.execute(tx);
      }),
    ).rejects.toThrow(/division by zero/);
    const row = await db.selectFrom('counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
    expect(row.value).not.toBe(1000);
    const result = await db.updateTable('counter').set({ value: 7 }).where('id', '=', 1).executeTakeFirst();
    expect(result.numUpdatedRows).toBe(1n);
  });

  it('supports savepoints inside a transaction', async () => {
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('counter').set({ value: 10 }).where('id', '=', 1).execute();
      const inner = await tx.startTransaction().execute();
      const point = await inner.savepoint('before_bad').execute();
      await point.updateTable('counter').set({ value: 99 }).where('id', '=', 1).execute();
      await point.rollbackToSavepoint('before_bad').execute();
      await point.commit().execute();
    });
    const row = await db.selectFrom('counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
    expect(row.value).toBe(10);
  });

  it('streams rows in chunks', async () => {
    const chunks: number[] = [];
    const query = sql<{ n: number }>`select generate_series(1, 25) as n`;
    for await (const chunk of db.getExecutor().stream(query.compile(db), 10)) chunks.push(chunk.rows.length);
    expect(chunks).toEqual([10, 10, 5]);
  });
});

describe('mayWrite', () => {
  it('is false only for plain reads', () => {
    expect(mayWrite('select 1')).toBe(false);
    expect(mayWrite('  WITH t AS (select 1) select * from t')).toBe(false);
    expect(mayWrite('select count(*) from "labeled_fact" where "occurred_at" > $1')).toBe(false);
    for (const text of [
      'insert into t values (1)',
      'update t set n = 1',
      'delete from t',
      'with d as (delete from t returning *) select * from d',
      'commit',
      'start transaction',
      "select set_config('x', '1', false)",
      "select nextval('s')",
      'create table t (n int)',
      'truncate t',
    ]) {
      expect(mayWrite(text), text).toBe(true);
    }
  });
});
