import type { PushpullConfig } from '@pushpull/config';
import { openStore, type Store } from '@pushpull/store';
import type { Logger } from 'pino';
import { seedLabelCorrections } from './seed-label-corrections';

/**
 * Opens (and migrates) the store the configuration names — Postgres with DATABASE_URL, else PGlite
 * under PUSHPULL_DATA_DIR — and stores the label corrections of the classifier in use, so that the
 * analytics views, the dashboard and the reports correct with them. What every process that reads or
 * writes figures should open the store with (`openRuntime` does). Closes the store again when
 * storing the corrections fails.
 *
 * @example const store = await openConfiguredStore(config, logger); try { … } finally { await store.close(); }
 */
export async function openConfiguredStore(
  config: { databaseUrl?: PushpullConfig['databaseUrl']; dataDir: string },
  logger?: Logger,
): Promise<Store> {
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
    ...(logger ? { warn: (message: string) => logger.warn(message) } : {}),
  });
  try {
    await seedLabelCorrections(store.db, logger);
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  return store;
}
