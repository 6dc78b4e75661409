import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openStore,
  queryLeaderCounts,
  recordLabeledBatch,
  replaceOrgChart,
  type Store,
  setSetting,
  writeMetricSettings,
} from '@pushpull/store';
import { orgPerson } from '@pushpull/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataVersion, readUnlessWritten } from './data-version';

const org = (leadName: string) => [
  orgPerson('ceo@acme.example', null, { name: 'Cee' }),
  orgPerson('lead@acme.example', 'ceo@acme.example', { name: leadName }),
  orgPerson('dev@acme.example', 'lead@acme.example', { name: 'Dev' }),
];

const fact = (id: string) => ({
  eventId: id,
  occurredAt: '2026-08-10T10:00:00Z',
  source: 'slack',
  type: 'slack.message.posted',
  actorPersonId: 'p:lead@acme.example',
  mode: 'pull',
  initiative: null,
  confidence: 0.9,
  reasons: ['question-sentence'],
  classifierVersion: '0.1.0',
  url: null,
  edges: [
    {
      targetPersonId: 'p:dev@acme.example',
      direction: 'down',
      distance: 1,
      broadcast: false,
      audienceSize: null,
    },
  ],
});

describe('readDataVersion', () => {
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pushpull-version-'));
    store = await openStore({ dataDir: dir });
    await replaceOrgChart(store.db, org('Lea'));
  }, 60_000);

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays the same while only reads happen', async () => {
    const before = await readDataVersion(store);
    await queryLeaderCounts(store.db, { from: '2026-08-01', to: '2026-09-01', asOf: '2026-08-20' });
    expect(await readDataVersion(store)).toBe(before);
  });

  it("changes when the aggregator records a batch (facts, rollups and the consumer's offsets)", async () => {
    const before = await readDataVersion(store);
    await recordLabeledBatch(store.db, {
      groupId: 'pushpull.aggregator',
      facts: [fact('e1')],
      offsets: [{ topic: 'labeled', partition: 0, nextOffset: '1' }],
    });
    const after = await readDataVersion(store);
    expect(after).not.toBe(before);
    await recordLabeledBatch(store.db, {
      groupId: 'pushpull.aggregator',
      facts: [fact('e2')],
      offsets: [{ topic: 'labeled', partition: 0, nextOffset: '2' }],
    });
    expect(await readDataVersion(store)).not.toBe(after);
  });

  it('changes when the org chart is replaced by one of the same size', async () => {
    const before = await readDataVersion(store);
    await replaceOrgChart(store.db, org('Lea Renamed'));
    expect(await readDataVersion(store)).not.toBe(before);
  });

  it('changes with the metric settings and with a setting', async () => {
    const before = await readDataVersion(store);
    await writeMetricSettings(store.db, { minVolume: 3 });
    const afterMetrics = await readDataVersion(store);
    expect(afterMetrics).not.toBe(before);
    await setSetting(store.db, 'org.version', '2026-12-07T00:00:00.000Z');
    expect(await readDataVersion(store)).not.toBe(afterMetrics);
  });
});

describe('readUnlessWritten (embedded store)', () => {
  let dir: string;
  let store: Store;
  let reads = 0;
  let version: () => Promise<string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pushpull-version-memo-'));
    store = await openStore({ dataDir: dir });
    await replaceOrgChart(store.db, org('Lea'));
    version = readUnlessWritten(store.writeCount, () => {
      reads++;
      return readDataVersion(store);
    });
  }, 60_000);

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads once while only reads happen, and again after every kind of write', async () => {
    expect(store.writeCount).toBeTypeOf('function');
    const first = await version();
    await queryLeaderCounts(store.db, { from: '2026-08-01', to: '2026-09-01', asOf: '2026-08-20' });
    expect(await Promise.all([version(), version(), version()])).toEqual([first, first, first]);
    expect(reads).toBe(1);

    const writes: (() => Promise<unknown>)[] = [
      () =>
        recordLabeledBatch(store.db, {
          groupId: 'pushpull.aggregator',
          facts: [fact('m1')],
          offsets: [{ topic: 'labeled', partition: 0, nextOffset: '1' }],
        }),
      () => replaceOrgChart(store.db, org('Lea Renamed')),
      () => writeMetricSettings(store.db, { minVolume: 3 }),
      () => setSetting(store.db, 'org.version', '2026-12-07T00:00:00.000Z'),
    ];
    let previous = first;
    for (const write of writes) {
      await write();
      const now = await version();
      // the same answer as a direct read, which moved
      expect(now).toBe(await readDataVersion(store));
      expect(now).not.toBe(previous);
      previous = now;
    }
    expect(reads).toBe(1 + writes.length);
  });

  it('reads every time on a store without a write count (Postgres)', async () => {
    let n = 0;
    const plain = readUnlessWritten(undefined, async () => ++n);
    expect([await plain(), await plain()]).toEqual([1, 2]);
  });
});
