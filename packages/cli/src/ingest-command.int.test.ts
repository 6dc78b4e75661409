import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBus } from '@pushpull/bus';
import { readMessages } from '@pushpull/bus/testing';
import { decodeActivity, dlqTopic, pipelineNames } from '@pushpull/core';
import { simulateOrganisation } from '@pushpull/simulator';
import { requireServices, uniqueName } from '@pushpull/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './testing/run-cli-in-process';

const env = requireServices('pushpull ingest on Kafka', ['KAFKA_BROKERS']);

describe.skipIf(!env)('pushpull ingest on Kafka: bad input stays on its line', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pushpull-ingest-kafka-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes the 200 good events around a 10,000-deep line and dead-letters a re-used id', async () => {
    const sim = simulateOrganisation({ seed: 13, people: 12, days: 10, start: '2026-07-06' });
    const lines = sim.events.slice(0, 200).map((e) => JSON.stringify(e));
    const deep = JSON.stringify({ ...sim.events[0], attributes: '@' }).replace(
      '"@"',
      `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
    );
    const reused = JSON.stringify({ ...sim.events[5], text: 'Not the same message.' });
    const file = join(dir, 'events.jsonl');
    writeFileSync(file, `${[...lines.slice(0, 100), deep, ...lines.slice(100), reused].join('\n')}\n`);

    const namespace = uniqueName('ingest').replace(/[^a-z0-9.-]/gi, '-');
    const r = await runCliInProcess(['ingest', file], {
      KAFKA_BROKERS: env!.KAFKA_BROKERS,
      PUSHPULL_NAMESPACE: namespace,
      PUSHPULL_DATA_DIR: join(dir, 'data'),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`line 101: nested 10001 levels deep, over the limit of 64 [JSON_TOO_DEEP]`);
    expect(r.stderr).toContain(`line 202: id ${JSON.stringify(sim.events[5]!.id)} was used on line 6 `);
    const names = pipelineNames(namespace);
    expect(r.stderr).toContain(
      `${file}: 200 events published to ${names.raw}; 2 lines rejected (lines 101, 202: 1 JSON_TOO_DEEP, 1 EVENT_ID_CONFLICT)`,
    );

    const bus = createBus({ kafkaBrokers: env!.KAFKA_BROKERS.split(','), clientId: 'ingest-test' });
    try {
      const raw = await readMessages(bus, names.raw, 200);
      expect(new Set(raw.map((m) => decodeActivity(m.value).id))).toEqual(
        new Set(sim.events.slice(0, 200).map((e) => e.id)),
      );
      expect(raw).toHaveLength(200);
      const dead = await readMessages(bus, dlqTopic(names.raw), 1);
      expect(dead).toHaveLength(1);
      expect(decodeActivity(dead[0]!.value).text).toBe('Not the same message.');
      expect(dead[0]!.headers).toMatchObject({
        'dlq-step': 'ingest.dedupe',
        'dlq-reason': expect.stringMatching(/^EVENT_ID_CONFLICT: id .* was used on line 6 /),
        'dlq-source-file': file,
        'dlq-source-line': '202',
      });
    } finally {
      await bus.close();
    }
  });
});
