import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeAnalyticsContract } from './analytics-contract';
import { openStore } from './open-store';

describeAnalyticsContract('PGlite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pushpull-analytics-'));
  const store = await openStore({ dataDir: dir });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
