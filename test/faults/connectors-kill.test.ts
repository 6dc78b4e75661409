import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GITHUB_DOUBLE_TOKEN, startGithubDouble } from '@pushpull/api-doubles/github';
import { openStore } from '@pushpull/store';
import { requireServices } from '@pushpull/testkit';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, spawnEntry, waitFor } from '../support/spawn-service';
import { realServicesConfig } from '../support/test-pipeline';

const env = requireServices('the connector worker kill -9 fault test', [
  'KAFKA_BROKERS',
  'DATABASE_URL',
  'REDIS_URL',
]);

describe.skipIf(!env)('the connector worker killed with SIGKILL mid-backfill', () => {
  it('a restarted worker finishes the backfill: the same events as one clean sync, each once', async () => {
    // 40 ms per request: the backfill takes long enough to be killed halfway through
    const double = await startGithubDouble({ latencyMs: 40 });
    const dir = mkdtempSync(join(tmpdir(), 'pushpull-connectors-kill-'));
    const { config, namespace, dropDatabase } = await realServicesConfig(env!);
    const store = await openStore({ databaseUrl: config.databaseUrl!, dataDir: '/nonexistent' });
    const source = {
      GITHUB_TOKEN: GITHUB_DOUBLE_TOKEN,
      GITHUB_API_URL: double.url,
      GITHUB_REPOS: 'panjf2000/ants',
      PUSHPULL_SYNC_SINCE: '2015-01-01',
    };
    const childEnv = {
      ...source,
      KAFKA_BROKERS: env!.KAFKA_BROKERS,
      DATABASE_URL: config.databaseUrl!,
      REDIS_URL: env!.REDIS_URL,
      PUSHPULL_NAMESPACE: namespace,
      PUSHPULL_LOG_LEVEL: 'info',
      PUSHPULL_METRICS_PORT: '0',
    };
    const factIds = async () =>
      (await store.db.selectFrom('labeled_fact').select('event_id').execute()).map((r) => r.event_id);
    const pipeline = spawnEntry(CLI_BIN, ['serve', '--only', 'classifier,aggregator'], childEnv);
    let second: ReturnType<typeof spawnEntry> | undefined;
    try {
      // what one uninterrupted sync of the same source gives
      const reference = join(dir, 'reference.jsonl');
      const clean = spawnEntry(
        CLI_BIN,
        ['sync', 'github', '--once', '--out', reference, '--since', '2015-01-01'],
        {
          ...source,
          PUSHPULL_DATA_DIR: join(dir, 'reference-data'),
        },
      );
      expect((await clean.exited).code, clean.stderr()).toBe(0);
      const expected = readFileSync(reference, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { id: string }).id);
      expect(expected.length).toBeGreaterThan(100);
      const requestsForAll = double.requestLog.length;
      double.requestLog.length = 0;

      const first = spawnEntry(CLI_BIN, ['serve', '--only', 'connectors'], childEnv);
      await waitFor(
        'half of the backfill requests',
        async () => {
          if (first.child.exitCode !== null) throw new Error(`the worker exited:\n${first.stderr()}`);
          return double.requestLog.length > requestsForAll / 2;
        },
        120_000,
        20,
      ).catch((err) => {
        throw new Error(
          `${err}: ${double.requestLog.length} of ${requestsForAll} requests\n${first.stdout().slice(-3000)}\n${first.stderr().slice(-3000)}`,
        );
      });
      first.child.kill('SIGKILL');
      await first.exited;
      const requestsAtKill = double.requestLog.length;

      const restartedAt = performance.now();
      second = spawnEntry(CLI_BIN, ['serve', '--only', 'connectors'], childEnv);
      await waitFor(
        'every event of the clean sync stored',
        async () => (await factIds()).length >= expected.length,
        180_000,
        200,
      );
      const finishedAfter = (performance.now() - restartedAt) / 1000;
      await new Promise((r) => setTimeout(r, 1500)); // nothing more arrives late
      const stored = await factIds();
      expect(stored.length).toBe(expected.length);
      expect(new Set(stored)).toEqual(new Set(expected));
      process.stderr.write(
        `[fault] connector worker killed after ${requestsAtKill} of ${requestsForAll} backfill requests; the restarted ` +
          `one stored the rest (${expected.length} events in all, each once) within ${finishedAfter.toFixed(1)} s, ` +
          `${double.requestLog.length - requestsAtKill} more requests\n`,
      );
    } finally {
      for (const p of [second, pipeline]) if (p && p.child.exitCode === null) p.child.kill('SIGTERM');
      await Promise.all([second?.exited, pipeline.exited]);
      await store.close();
      await double.close();
      await dropDatabase();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 400_000);
});
