import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GITHUB_DOUBLE_TOKEN, recordedRepo, startGithubDouble } from '@pushpull/api-doubles/github';
import { createBus } from '@pushpull/bus';
import { decodeActivity } from '@pushpull/core';
import { openStore } from '@pushpull/store';
import { createScratchDatabase } from '@pushpull/store/testing';
import { requireServices, uniqueName } from '@pushpull/testkit';
import { describe, expect, it } from 'vitest';
import { busSink } from '../kit/bus-sink';
import { rateBudgetKey } from '../kit/rate-budget-key';
import { RedisRateBudget } from '../kit/redis-rate-budget';
import { runSync } from '../kit/run-sync';
import { storeCursorStore } from '../kit/store-cursor-store';
import { createGithubConnector } from './create-github-connector';

const env = requireServices('GitHub sync into Kafka with Postgres cursors and a Redis budget', [
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'REDIS_URL',
]);

describe.skipIf(!env)('GitHub connector on real services', () => {
  it('publishes one CloudEvent per activity to the raw topic; a re-run publishes nothing', async () => {
    const gh = await startGithubDouble({ repos: [recordedRepo('int/ants')] });
    const scratch = await createScratchDatabase(env!.DATABASE_URL);
    const store = await openStore({
      databaseUrl: scratch.url,
      dataDir: mkdtempSync(path.join(tmpdir(), 'gh-int-')),
    });
    const bus = createBus({
      kafkaBrokers: env!.KAFKA_BROKERS.split(','),
      clientId: uniqueName('github-int'),
    });
    const budget = new RedisRateBudget(
      env!.REDIS_URL,
      rateBudgetKey('github', uniqueName(GITHUB_DOUBLE_TOKEN)),
    );
    const topic = uniqueName('raw');
    try {
      await bus.ensureTopics([topic], 3);
      const connector = createGithubConnector({
        token: GITHUB_DOUBLE_TOKEN,
        apiUrl: gh.url,
        repos: ['int/ants'],
        requestSpacingMs: 0,
      });
      const sink = busSink(bus, topic);
      const since = new Date('2018-01-01T00:00:00Z');
      const cursors = storeCursorStore(store.db, 'github');
      const first = await runSync({ connector, cursors, sink, budget, since });
      expect(first.events).toBe(217);
      expect(await budget.remaining()).toBeLessThan(5000);
      const second = await runSync({ connector, cursors, sink, budget, since });
      expect(second.events).toBe(0);
      expect(second.notModified).toBe(2);

      const seen = new Map<string, string | null>();
      const consumer = await bus.consume({
        topic,
        groupId: uniqueName('group'),
        handler: async (batch) => {
          for (const m of batch.messages) {
            const e = decodeActivity(m.value);
            expect(m.key).toBe(e.conversationId ?? e.id);
            seen.set(e.id, m.key);
          }
          return batch.messages.map(() => ({ kind: 'ok' as const }));
        },
      });
      const deadline = Date.now() + 30_000;
      while ((seen.size < 217 || (await consumer.lag()) > 0) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await consumer.stop();
      expect(seen.size).toBe(217);
    } finally {
      await budget.close();
      await bus.close();
      await store.close();
      await scratch.drop();
      await gh.close();
    }
  });
});
