import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GITHUB_DOUBLE_TOKEN, type GithubDouble, startGithubDouble } from '@pushpull/api-doubles/github';
import { SEED_USER_TOKEN, startSlackDouble } from '@pushpull/api-doubles/slack';
import { type BusMessage, createBus } from '@pushpull/bus';
import { decodeActivity, pipelineNames } from '@pushpull/core';
import { requireServices, uniqueName } from '@pushpull/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, spawnEntry, waitFor } from '../support/spawn-service';

const CLI = CLI_BIN;

function ids(file: string): string[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { id: string }).id);
}

/**
 * Runs `pushpull sync <source> --once --out <out>` twice: the first from 2015 on, writing each event
 * once; the second adding nothing and saying so. Neither prints `token`. Returns the first run and its ids.
 */
async function syncOnceTwice(source: string, env: Record<string, string>, out: string, token: string) {
  const first = spawnEntry(CLI, ['sync', source, '--once', '--out', out, '--since', '2015-01-01'], env);
  expect((await first.exited).code).toBe(0);
  const firstIds = ids(out);
  expect(new Set(firstIds).size).toBe(firstIds.length);
  const second = spawnEntry(CLI, ['sync', source, '--once', '--out', out], env);
  expect((await second.exited).code).toBe(0);
  expect(second.stderr()).toMatch(new RegExp(`pushpull sync ${source}: 0 events`));
  expect(ids(out)).toEqual(firstIds);
  for (const p of [first, second]) expect(p.stdout() + p.stderr()).not.toContain(token);
  return { first, firstIds };
}

describe('pushpull sync github (CLI) against the GitHub double', () => {
  let double: GithubDouble;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    double = await startGithubDouble();
    dir = mkdtempSync(join(tmpdir(), 'pushpull-sync-cli-'));
    env = {
      GITHUB_TOKEN: GITHUB_DOUBLE_TOKEN,
      GITHUB_API_URL: double.url,
      GITHUB_REPOS: 'panjf2000/ants',
      PUSHPULL_DATA_DIR: join(dir, 'data'),
    };
  });
  afterAll(async () => {
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('syncs once to a file, then emits nothing new, and never prints the token', async () => {
    const { first, firstIds } = await syncOnceTwice(
      'github',
      env,
      join(dir, 'events.jsonl'),
      GITHUB_DOUBLE_TOKEN,
    );
    expect(firstIds.length).toBeGreaterThan(100);
    expect(first.stderr()).toMatch(new RegExp(`pushpull sync github: ${firstIds.length} events`));
  }, 120_000);

  it('names the variable when the source is not configured', async () => {
    const p = spawnEntry(CLI, ['sync', 'slack', '--once'], { PUSHPULL_DATA_DIR: join(dir, 'data') });
    expect((await p.exited).code).toBe(1);
    expect(p.stderr().trim()).toBe(
      'pushpull sync slack: slack is not configured: set SLACK_TOKEN [SOURCE_NOT_CONFIGURED]',
    );
  }, 60_000);
});

describe('pushpull sync slack (CLI) against the Slack double', () => {
  it('syncs once to a file, then emits nothing new, and never prints the token', async () => {
    const slack = await startSlackDouble();
    const dir = mkdtempSync(join(tmpdir(), 'pushpull-sync-slack-'));
    try {
      const env = {
        SLACK_TOKEN: SEED_USER_TOKEN,
        SLACK_API_URL: slack.url,
        PUSHPULL_DATA_DIR: join(dir, 'data'),
      };
      const { firstIds } = await syncOnceTwice('slack', env, join(dir, 'slack.jsonl'), SEED_USER_TOKEN);
      expect(firstIds.length).toBeGreaterThan(20);
    } finally {
      await slack.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

const services = requireServices('pushpull sync github into Kafka', ['KAFKA_BROKERS', 'DATABASE_URL']);

describe.skipIf(!services)('pushpull sync github (CLI) into the raw topic on Kafka', () => {
  it('publishes CloudEvents that decode to the synced ActivityEvents', async () => {
    const double = await startGithubDouble();
    const namespace = uniqueName('sync').replace(/[^a-z0-9.-]/gi, '-');
    const dir = mkdtempSync(join(tmpdir(), 'pushpull-sync-kafka-'));
    const bus = createBus({ kafkaBrokers: services!.KAFKA_BROKERS.split(','), clientId: 'sync-test' });
    try {
      const p = spawnEntry(CLI, ['sync', 'github', '--once', '--since', '2015-01-01'], {
        GITHUB_TOKEN: GITHUB_DOUBLE_TOKEN,
        GITHUB_API_URL: double.url,
        GITHUB_REPOS: 'panjf2000/ants',
        KAFKA_BROKERS: services!.KAFKA_BROKERS,
        PUSHPULL_DATA_DIR: join(dir, 'data'),
        PUSHPULL_NAMESPACE: namespace,
        PUSHPULL_TOPIC_PARTITIONS: '4',
      });
      expect((await p.exited).code).toBe(0);
      const published = Number(/github: (\d+) events/.exec(p.stderr())?.[1]);
      expect(published).toBeGreaterThan(100);
      const seen: BusMessage[] = [];
      const partitions = new Set<number>();
      const consumer = await bus.consume({
        topic: pipelineNames(namespace).raw,
        groupId: uniqueName('reader'),
        handler: async (batch) => {
          partitions.add(batch.partition);
          seen.push(...batch.messages);
          return batch.messages.map(() => ({ kind: 'ok' as const }));
        },
      });
      await waitFor('every published event', async () => seen.length >= published, 60_000);
      await consumer.stop();
      const events = seen.map((m) => decodeActivity(m.value));
      expect(new Set(events.map((e) => e.id)).size).toBe(published);
      expect(events.every((e) => e.source === 'github')).toBe(true);
      // The run created the raw topic with PUSHPULL_TOPIC_PARTITIONS partitions (keyed by conversation, the
      // double's threads fill all four), not the bus's default.
      expect([...partitions].sort()).toEqual([0, 1, 2, 3]);
    } finally {
      await bus.close();
      await double.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
