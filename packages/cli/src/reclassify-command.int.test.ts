import { createBus } from '@pushpull/bus';
import { CLASSIFIER_VERSION } from '@pushpull/classifier';
import { pipelineNames, toActivityMessage } from '@pushpull/core';
import { simulateOrganisation } from '@pushpull/simulator';
import { openStore, queryPersonCounts, replaceOrgChart, type Store } from '@pushpull/store';
import { createScratchDatabase } from '@pushpull/store/testing';
import { requireServices, uniqueName } from '@pushpull/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './testing/run-cli-in-process';

const env = requireServices('pushpull reclassify from the raw Kafka topic', [
  'KAFKA_BROKERS',
  'DATABASE_URL',
]);

describe.skipIf(!env)('pushpull reclassify on Kafka + Postgres', { timeout: 300_000 }, () => {
  const sim = simulateOrganisation({ seed: 4, people: 16, days: 5, start: '2026-07-06' });
  const namespace = uniqueName('reclassify').replace(/[^a-z0-9.-]/gi, '-');
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let cliEnv: Record<string, string>;

  const counts = async () => {
    const store: Store = await openStore({ databaseUrl: scratch.url, dataDir: '/nonexistent' });
    try {
      const facts = await store.db
        .selectFrom('labeled_fact')
        .select(['classifier_version', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('classifier_version')
        .execute();
      return {
        facts: facts.map((f) => `${f.classifier_version}:${Number(f.n)}`),
        rollups: await queryPersonCounts(store.db, { from: '2000-01-01', to: '2100-01-01' }),
      };
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase(env!.DATABASE_URL);
    const store = await openStore({ databaseUrl: scratch.url, dataDir: '/nonexistent' });
    try {
      await replaceOrgChart(store.db, sim.org);
    } finally {
      await store.close();
    }
    // Events published earlier by connectors (nothing classified them yet).
    const bus = createBus({ kafkaBrokers: env!.KAFKA_BROKERS.split(','), clientId: 'reclassify-test' });
    try {
      const raw = pipelineNames(namespace).raw;
      await bus.ensureTopics([raw]);
      await bus.publish(raw, sim.events.map(toActivityMessage));
    } finally {
      await bus.close();
    }
    cliEnv = { KAFKA_BROKERS: env!.KAFKA_BROKERS, DATABASE_URL: scratch.url, PUSHPULL_NAMESPACE: namespace };
  }, 300_000);

  afterAll(async () => scratch?.drop(), 120_000);

  it('re-reads the raw topic from the beginning, and a second run changes nothing', async () => {
    const first = await runCliInProcess(['reclassify'], cliEnv);
    expect(first.stderr).toContain(`reading ${pipelineNames(namespace).raw} from the beginning`);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(
      `0 stored facts replaced (0 changed mode or initiative), ${sim.events.length} new`,
    );
    const once = await counts();
    expect(once.facts).toEqual([`${CLASSIFIER_VERSION}:${sim.events.length}`]);
    expect(once.rollups.length).toBeGreaterThan(5);

    const second = await runCliInProcess(['reclassify'], cliEnv);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(
      `${sim.events.length} stored facts replaced (0 changed mode or initiative), 0 new`,
    );
    expect(await counts()).toEqual(once);
  });
});
