import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from './open-store';
import { describeAnalyticsContract } from './testing/analytics-contract';

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
