import { isPushpullError } from '@pushpull/core';
import { requireServices } from '@pushpull/testkit';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from './migrations';
import { openStore } from './open-store';
import { postgresStores } from './testing/make-store';
import { createScratchDatabase } from './testing/scratch-database';
import { describeStoreContract } from './testing/store-contract';
import { getSetting, setSetting } from './user-repository';

const env = requireServices('store contract on Postgres', ['DATABASE_URL']);

describe.skipIf(!env)('Postgres store', () => {
  const baseUrl = env?.DATABASE_URL ?? '';

  describeStoreContract('Postgres', postgresStores(baseUrl));

  it('migrates once when two processes start at once, and reopens without migrating again', async () => {
    const scratch = await createScratchDatabase(baseUrl);
    try {
      const [a, b] = await Promise.all([
        openStore({ databaseUrl: scratch.url, dataDir: '/nonexistent' }),
        openStore({ databaseUrl: scratch.url, dataDir: '/nonexistent' }),
      ]);
      expect(a.kind).toBe('postgres');
      await setSetting(a.db, 'from-a', '1');
      expect(await getSetting(b.db, 'from-a')).toBe('1');
      await Promise.all([a.close(), b.close()]);
      const c = await openStore({ databaseUrl: scratch.url, dataDir: '/nonexistent' });
      try {
        const applied = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(c.db);
        expect(Number(applied.rows[0]?.n)).toBe(Object.keys(migrations).length);
        expect(await getSetting(c.db, 'from-a')).toBe('1');
      } finally {
        await c.close();
      }
    } finally {
      await scratch.drop();
    }
  });

  it('drops a scratch database, also when a connection is still open', async () => {
    const scratch = await createScratchDatabase(baseUrl);
    const store = await openStore({ databaseUrl: scratch.url, dataDir: '/nonexistent' });
    await scratch.drop();
    await expect(sql`select 1`.execute(store.db)).rejects.toThrow();
    await store.close().catch(() => {});
    const err = await openStore({ databaseUrl: scratch.url, dataDir: '/nonexistent' }).catch(
      (e: unknown) => e,
    );
    expect(isPushpullError(err, 'STORE_UNREACHABLE')).toBe(true);
  });

  it('fails fast with STORE_UNREACHABLE for an unknown database or role', async () => {
    const unknownDb = new URL(baseUrl);
    unknownDb.pathname = '/pushpull_no_such_database';
    const err = await openStore({ databaseUrl: unknownDb.toString(), dataDir: '/nonexistent' }).catch(
      (e: unknown) => e,
    );
    expect(isPushpullError(err, 'STORE_UNREACHABLE')).toBe(true);
    expect((err as Error).message).toMatch(/pushpull_no_such_database.*does not exist/);

    const unknownRole = new URL(baseUrl);
    unknownRole.username = 'pushpull_no_such_role';
    unknownRole.password = 'hunter2-secret';
    const roleErr = await openStore({ databaseUrl: unknownRole.toString(), dataDir: '/nonexistent' }).catch(
      (e: unknown) => e,
    );
    expect(isPushpullError(roleErr, 'STORE_UNREACHABLE')).toBe(true);
    expect((roleErr as Error).message).toContain('pushpull_no_such_role@');
    expect((roleErr as Error).message).not.toContain('hunter2');
  });
});
