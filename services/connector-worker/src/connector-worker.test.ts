import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus } from '@pushpull/bus';
import { decodeActivity, pipelineNames } from '@pushpull/core';
import { simulateOrganisation } from '@pushpull/simulator';
import { countFacts, listAudit, loadOrgRows, openStore, recordLabeledBatch } from '@pushpull/store';
import { testEdge, testFacts } from '@pushpull/store/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startConnectorWorker } from './connector-worker';

describe('the connector worker', () => {
  it('runs the simulated organisation as a connector: its chart in the store, its events on the raw topic', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pushpull-worker-'));
    const store = await openStore({ dataDir: dir });
    const bus = new EmbeddedBus();
    const names = pipelineNames();
    const simulate = { seed: 8, people: 10, days: 4, start: '2026-09-07' };
    const sim = simulateOrganisation(simulate);
    try {
      await bus.ensureTopics([names.raw]);
      const worker = await startConnectorWorker({
        bus,
        store,
        logger: pino({ level: 'silent' }),
        names,
        simulate,
      });
      await worker.whenIdle();
      await worker.stop();
      expect((await loadOrgRows(store.db)).length).toBe(sim.org.length);
      const ids: string[] = [];
      const consumer = await bus.consume({
        topic: names.raw,
        groupId: 'reader',
        handler: async (batch) =>
          batch.messages.map((m) => {
            ids.push(decodeActivity(m.value).id);
            return { kind: 'ok' as const };
          }),
      });
      for (let i = 0; i < 100 && ids.length < sim.events.length; i++)
        await new Promise((r) => setTimeout(r, 50));
      await consumer.stop();
      expect(ids.sort()).toEqual(sim.events.map((e) => e.id).sort());
    } finally {
      await bus.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('runs retention (PUSHPULL_RETENTION_DAYS) at start, on its clock: older facts and their rollups go, audited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pushpull-worker-retention-'));
    const store = await openStore({ dataDir: dir });
    const bus = new EmbeddedBus();
    try {
      const up = [testEdge('up', 'p:boss@acme.io', 1)];
      await recordLabeledBatch(store.db, {
        groupId: 'test',
        offsets: [],
        facts: [
          ...testFacts(3, 'p:lea@acme.io', '2026-03-01T09:00:00Z', 'push', up), // before the kept days
          ...testFacts(2, 'p:lea@acme.io', '2026-03-03T23:58:00Z', 'pull', up), // the last day before them
          ...testFacts(4, 'p:lea@acme.io', '2026-03-04T00:00:00Z', 'push', up), // the first kept day
        ],
      });
      const worker = await startConnectorWorker({
        bus,
        store,
        logger: pino({ level: 'silent' }),
        retentionDays: 7,
        now: () => new Date('2026-03-10T08:00:00Z'), // keeps 2026-03-04 … 2026-03-10
      });
      await worker.whenIdle();
      await worker.stop();
      expect(await countFacts(store.db)).toBe(4);
      const rollups = await store.db.selectFrom('rollup_daily').select(['day', 'events']).execute();
      expect(rollups).toEqual([{ day: '2026-03-04', events: 4 }]);
      const audit = await listAudit(store.db);
      expect(audit.map((a) => [a.actor, a.action, a.subjectHash, a.detail])).toEqual([
        [
          'retention',
          'retention.run',
          null,
          { days: 7, keepFrom: '2026-03-04', facts: 5, rollupRows: 2, conversationRows: 0 },
        ],
      ]);
    } finally {
      await bus.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
