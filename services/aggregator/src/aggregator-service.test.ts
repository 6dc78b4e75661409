import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus } from '@pushpull/bus';
import { type LabeledEvent, pipelineNames, toLabeledMessage } from '@pushpull/core';
import { countFacts, erasePerson, openStore, replaceOrgChart } from '@pushpull/store';
import { orgPerson } from '@pushpull/store/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startAggregatorService } from './aggregator-service';

function labeled(id: string, actor: string, to: string): LabeledEvent {
  return {
    id,
    mode: 'push',
    initiative: 'proactive',
    confidence: 0.9,
    reasons: ['statement'],
    classifierVersion: 'test',
    actor: { personId: `p:${actor}` },
    edges: [{ target: { email: to, role: 'to' }, personId: `p:${to}`, direction: 'up', distance: 1 }],
    occurredAt: '2026-09-01T10:00:00Z',
    source: 'outlook',
  };
}

describe('the aggregator', () => {
  it('drops events labeled before their person was erased (still on the labeled topic)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pushpull-agg-'));
    const store = await openStore({ dataDir: dir });
    const bus = new EmbeddedBus();
    const names = pipelineNames();
    try {
      await replaceOrgChart(store.db, [
        orgPerson('boss@acme.io', null),
        orgPerson('lea@acme.io', 'boss@acme.io'),
        orgPerson('ann@acme.io', 'lea@acme.io'),
      ]);
      await bus.ensureTopics([names.labeled]);
      const aggregator = await startAggregatorService({
        bus,
        store,
        logger: pino({ level: 'silent' }),
        names,
      });
      await erasePerson(store.db, { email: 'lea@acme.io', actor: 'test' });
      await bus.publish(
        names.labeled,
        [
          labeled('l1', 'lea@acme.io', 'boss@acme.io'), // by her
          labeled('l2', 'ann@acme.io', 'lea@acme.io'), // to her
          labeled('l3', 'ann@acme.io', 'boss@acme.io'),
        ].map(toLabeledMessage),
      );
      const deadline = Date.now() + 30_000;
      while (aggregator.stats.inserted + aggregator.stats.suppressed < 3 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await aggregator.stop();
      expect(aggregator.stats).toMatchObject({ inserted: 1, suppressed: 2 });
      expect(await countFacts(store.db)).toBe(1);
    } finally {
      await bus.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
