import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openStore, type Store } from '../open-store';
import { createScratchDatabase } from './scratch-database';
import type { MakeStore } from './store-contract';

/**
 * Test helper: a `MakeStore` of fresh PGlite stores, each in its own temporary folder (removed on cleanup).
 *
 * @example describeStoreContract('PGlite', pgliteStores('pushpull-store-'));
 */
export function pgliteStores(prefix: string): MakeStore {
  return async () => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    const store = await openStore({ dataDir: dir });
    return {
      store,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

/**
 * Test helper: a `MakeStore` of fresh Postgres stores, each in a scratch database of the server at
 * `baseUrl` (dropped on cleanup).
 *
 * @example describeStoreContract('Postgres', postgresStores(env.DATABASE_URL));
 */
export function postgresStores(baseUrl: string): MakeStore {
  return async () => {
    const scratch = await createScratchDatabase(baseUrl);
    const store = await openStore({ databaseUrl: scratch.url, dataDir: '/nonexistent', poolSize: 4 });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await scratch.drop();
      },
    };
  };
}

/**
 * Test helper: registers in the calling `describe` a fresh PGlite store for each test (beforeEach),
 * closed and removed after it (afterEach). Returns the current test's store.
 *
 * @example const store = pgliteStorePerTest('pushpull-slack-'); it('…', async () => { await runOnce({ store: store(), … }); });
 */
export function pgliteStorePerTest(prefix: string): () => Store {
  const make = pgliteStores(prefix);
  let current: Awaited<ReturnType<MakeStore>> | undefined;
  beforeEach(async () => {
    current = await make();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('pgliteStorePerTest: the store exists only during a test');
    return current.store;
  };
}
