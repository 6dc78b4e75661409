import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store, upsertUser } from '@pushpull/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetUserRows, keepUserRowsInMemory, readUserRow } from './user-row-cache';

const dir = mkdtempSync(join(tmpdir(), 'pushpull-user-rows-'));
let kept: Store;
let plain: Store;
beforeAll(async () => {
  kept = await openStore({ dataDir: join(dir, 'kept') });
  plain = await openStore({ dataDir: join(dir, 'plain') });
});
afterAll(async () => {
  await kept?.close();
  await plain?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ana = (role: 'analyst' | 'admin') => ({ username: 'ana', passwordHash: 'h', role, personId: null });

describe('user rows kept in memory (embedded mode)', () => {
  it('reads a row once and again only after forgetUserRows', async () => {
    keepUserRowsInMemory(kept);
    expect(await readUserRow(kept, 'ana')).toBeNull();
    await upsertUser(kept.db, ana('analyst'));
    expect(await readUserRow(kept, 'ana')).toBeNull(); // kept: the absence was read first
    forgetUserRows(kept);
    expect((await readUserRow(kept, 'ana'))?.role).toBe('analyst');
    await upsertUser(kept.db, ana('admin'));
    expect((await readUserRow(kept, 'ana'))?.role).toBe('analyst');
    forgetUserRows(kept);
    expect((await readUserRow(kept, 'ana'))?.role).toBe('admin');
  });

  it('reads the row on every call where rows are not kept (Postgres mode)', async () => {
    await upsertUser(plain.db, ana('analyst'));
    expect((await readUserRow(plain, 'ana'))?.role).toBe('analyst');
    await upsertUser(plain.db, ana('admin'));
    expect((await readUserRow(plain, 'ana'))?.role).toBe('admin');
  });
});
