import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus } from '@pushpull/bus';
import { decodeActivity, pipelineNames } from '@pushpull/core';
import { simulateOrganisation } from '@pushpull/simulator';
import { loadOrgRows, openStore } from '@pushpull/store';
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
});
