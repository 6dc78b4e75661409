import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../open-store';
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
