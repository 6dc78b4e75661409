import { execFileSync, spawnSync } from 'node:child_process';
import { decodeActivity, decodeLabeled } from '@pushpull/core';
import { type Pipeline, servePipeline } from '@pushpull/service-all-in-one';
import { simulateOrganisation } from '@pushpull/simulator';
import { countFacts, queryPersonCounts } from '@pushpull/store';
import { requireServices } from '@pushpull/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Counts, countLines, expectedCounts } from '../support/expected-counts';
import { labelDiff } from '../support/label-diff';
import { realServicesConfig, testLogger } from '../support/test-pipeline';

const env = requireServices('end-to-end pipeline on Kafka + Postgres + Redis', [
  'KAFKA_BROKERS',
  'DATABASE_URL',
  'REDIS_URL',
]);
const hasKcat = spawnSync('kcat', ['-V']).status === 0;
if (env && !hasKcat) {
  if (process.env.PUSHPULL_REQUIRE_SERVICES === '1')
    throw new Error('kcat is required (apt-get install kcat)');
  process.stderr.write(
    '[skipped] kcat check: install kcat (Debian package) to read the topics with a real Kafka client\n',
  );
}
const SIM = { seed: 7, people: 40, days: 14, start: '2026-09-01' } as const;

describe.skipIf(!env)('pipeline end to end: simulator → Kafka → classifier → aggregator → Postgres', () => {
  let pipeline: Pipeline;
  let drop: () => Promise<void>;
  const sim = simulateOrganisation(SIM);

  beforeAll(async () => {
    const setup = await realServicesConfig(env!);
    drop = setup.dropDatabase;
    pipeline = await servePipeline({
      config: setup.config,
      logger: testLogger(),
      simulate: SIM,
      announce: () => {},
    });
    await pipeline.settled(180_000);
  }, 240_000);

  afterAll(async () => {
    await pipeline?.stop();
    await drop?.();
  });

  it('ran the sync through BullMQ on Redis and stored every event once', async () => {
    expect(pipeline.connectors?.scheduler.kind).toBe('bullmq');
    expect(await countFacts(pipeline.runtime.store.db)).toBe(sim.events.length);
  });

  it("matches every count of the simulator's ground truth", async () => {
    const rows = await queryPersonCounts(pipeline.runtime.store.db, { from: '2000-01-01', to: '2100-01-01' });
    const actual = new Map<string, Record<string, Counts>>(rows.map((r) => [r.personId, r.counts]));
    const expected = countLines(expectedCounts(sim));
    expect(expected.length).toBeGreaterThan(50);
    const lines = countLines(actual);
    if (JSON.stringify(lines) !== JSON.stringify(expected)) {
      // Name the events behind a mismatch, so that a failure explains itself.
      const diff = await labelDiff(pipeline.runtime.store, sim);
      process.stderr.write(`labels that differ from the truth:\n${diff.join('\n')}\n`);
    }
    expect(lines).toEqual(expected);
  });

  it('exposes consumer metrics on /metrics', async () => {
    const text = await (await fetch(`${pipeline.dashboard!.url}/metrics`)).text();
    const ok = (consumer: string) =>
      Number(
        new RegExp(`pushpull_consumer_messages_total\\{consumer="${consumer}",outcome="ok"\\} (\\d+)`).exec(
          text,
        )?.[1],
      );
    // Delivery is at least once: a batch handled again after a rebalance (a session lost on a loaded
    // machine) counts again, though it is stored once (the first test counts the facts).
    expect(ok('classifier')).toBeGreaterThanOrEqual(sim.events.length);
    expect(ok('aggregator')).toBeGreaterThanOrEqual(sim.events.length);
    expect(text).toMatch(/pushpull_consumer_lag\{consumer="aggregator"\} 0/);
  });

  it('serves the leaders over HTTP with auth', async () => {
    const url = `${pipeline.dashboard!.url}/api/leaders?period=2026-09`;
    expect((await fetch(url)).status).toBe(401);
    const res = await fetch(url, {
      headers: { authorization: `Basic ${Buffer.from('admin:e2e-admin-password').toString('base64')}` },
    });
    expect(res.status).toBe(200);
    const leaders = (await res.json()) as { personId: string; reports: number; metrics: unknown }[];
    const current = new Map<string, (typeof sim.org)[number]>();
    for (const row of [...sim.org].sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''))) {
      current.set(row.email, row); // the latest row of each person is the chart as of the period's end
    }
    const managers = new Set(
      [...current.values()].flatMap((r) => (r.managerEmail ? [`p:${r.managerEmail}`] : [])),
    );
    expect(new Set(leaders.map((l) => l.personId))).toEqual(managers);
    expect(leaders.every((l) => l.reports > 0 && l.metrics)).toBe(true);
  });

  it.skipIf(!hasKcat)('left CloudEvents on both topics that kcat can read', () => {
    const names = pipeline.runtime.names;
    const read = (topic: string) =>
      execFileSync(
        'kcat',
        ['-C', '-b', env!.KAFKA_BROKERS, '-t', topic, '-o', 'beginning', '-c', '3', '-e', '-q'],
        {
          encoding: 'utf8',
          timeout: 30_000,
        },
      )
        .trim()
        .split('\n');
    const raw = read(names.raw);
    expect(raw).toHaveLength(3);
    for (const line of raw) expect(decodeActivity(line).id).toMatch(/^(github|slack|outlook):/);
    const headers = execFileSync(
      'kcat',
      [
        '-C',
        '-b',
        env!.KAFKA_BROKERS,
        '-t',
        names.raw,
        '-o',
        'beginning',
        '-c',
        '1',
        '-e',
        '-q',
        '-f',
        '%h\n',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(headers).toMatch(/content-type=application\/cloudevents\+json/);
    const labeled = read(names.labeled);
    expect(labeled).toHaveLength(3);
    for (const line of labeled) expect(['push', 'pull', 'neutral']).toContain(decodeLabeled(line).mode);
  });
});
