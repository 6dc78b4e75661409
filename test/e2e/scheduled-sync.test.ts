import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GITHUB_DOUBLE_TOKEN, startGithubDouble } from '@pushpull/api-doubles/github';
import { parseConfig } from '@pushpull/config';
import { servePipeline } from '@pushpull/service-all-in-one';
import { countFacts } from '@pushpull/store';
import { requireServices, uniqueName } from '@pushpull/testkit';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/spawn-service';
import { testLogger } from '../support/test-pipeline';

const env = requireServices('scheduled GitHub sync through BullMQ', ['REDIS_URL']);

describe.skipIf(!env)('scheduled source sync', () => {
  it('syncs a configured GitHub source through a BullMQ job scheduler into the store', async () => {
    const double = await startGithubDouble();
    const dir = mkdtempSync(join(tmpdir(), 'pushpull-scheduled-'));
    const config = parseConfig({
      REDIS_URL: env!.REDIS_URL,
      PUSHPULL_DATA_DIR: dir,
      PUSHPULL_NAMESPACE: uniqueName('sched').replace(/[^a-z0-9.-]/gi, '-'),
      GITHUB_TOKEN: GITHUB_DOUBLE_TOKEN,
      GITHUB_API_URL: double.url,
      GITHUB_REPOS: 'panjf2000/ants',
      PUSHPULL_SYNC_SINCE: '2015-01-01',
      PORT: '0',
    });
    const pipeline = await servePipeline({
      config,
      logger: testLogger(),
      services: ['connectors', 'classifier', 'aggregator'],
    });
    try {
      expect(pipeline.connectors?.scheduler.kind).toBe('bullmq');
      // the first run starts immediately; the double records its requests
      await waitFor('the first sync requests', async () => double.requestLog.length > 10, 60_000);
      await pipeline.settled(120_000);
      const facts = await countFacts(pipeline.runtime.store.db);
      expect(facts).toBeGreaterThan(100);
      expect(double.requestLog.every((r) => r.status < 400)).toBe(true);
    } finally {
      await pipeline.stop();
      await double.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
