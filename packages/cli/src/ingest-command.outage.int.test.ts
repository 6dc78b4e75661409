import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BusMessage, createBus } from '@pushpull/bus';
import { readMessages } from '@pushpull/bus/testing';
import { type ActivityEvent, decodeActivity, pipelineNames } from '@pushpull/core';
import { simulateOrganisation } from '@pushpull/simulator';
import { hostPortOf, REDIRECT_PRELOAD, requireServices, TcpProxy, uniqueName } from '@pushpull/testkit';
import { afterAll, describe, expect, it } from 'vitest';

const env = requireServices('pushpull ingest through a broker outage', ['KAFKA_BROKERS']);
const BIN = fileURLToPath(new URL('../bin/pushpull.mjs', import.meta.url));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `count` events to `file`: copies of a small simulation, each under its own id (`<id>:<tag>-<copy>`). */
function writeCopies(file: string, seed: number, count: number, tag: string): ActivityEvent[] {
  const sim = simulateOrganisation({ seed, people: 12, days: 10, start: '2026-07-06' });
  const events = Array.from({ length: count }, (_, i) => {
    const e = sim.events[i % sim.events.length]!;
    return { ...e, id: `${e.id}:${tag}-${Math.floor(i / sim.events.length)}` };
  });
  writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
  return events;
}

/** Where a spawned `pushpull ingest` publishes: `broker`, reached through the proxy on `proxyPort`. */
interface IngestTarget {
  broker: string;
  proxyPort: number;
  namespace: string;
  dataDir: string;
}

/** Runs `pushpull ingest <file> <args>`, calling `onStderr` with all its stderr so far on each chunk. */
function ingest(
  file: string,
  args: string[],
  to: IngestTarget,
  onStderr: (all: string) => void = () => {},
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'ingest', file, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      KAFKA_BROKERS: to.broker,
      PUSHPULL_NAMESPACE: to.namespace,
      PUSHPULL_DATA_DIR: to.dataDir,
      NODE_OPTIONS: `--require ${REDIRECT_PRELOAD}`,
      PUSHPULL_TEST_REDIRECT: `${to.broker}=127.0.0.1:${to.proxyPort}`,
    },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    stderr += s;
    onStderr(stderr);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

/** Reads `topic` from the start until `count` messages are in (or 90 s passed), and 1 s longer. */
async function readTopic(broker: string, topic: string, count: number): Promise<BusMessage[]> {
  const bus = createBus({ kafkaBrokers: [broker], clientId: uniqueName('ingest-outage-reader') });
  try {
    return await readMessages(bus, topic, count, { timeoutMs: 90_000 });
  } finally {
    await bus.close();
  }
}

/**
 * One case's setup: `count` events written to `dir/<fileName>` (copies tagged `tag` of the simulation
 * of `seed`), a namespace of its own, and a proxy to the first broker, up.
 */
async function outageCase(
  dir: string,
  { fileName, seed, count, tag }: { fileName: string; seed: number; count: number; tag: string },
) {
  const broker = env!.KAFKA_BROKERS.split(',')[0]!.trim();
  const { host, port } = hostPortOf(broker, 9092);
  const file = join(dir, fileName);
  const events = writeCopies(file, seed, count, tag);
  const namespace = uniqueName(`ingest-${tag}`).replace(/[^a-z0-9.-]/gi, '-');
  const proxy = new TcpProxy(host, port);
  await proxy.up();
  return { broker, file, events, namespace, names: pipelineNames(namespace), proxy };
}

/** The first case's events: enough that the cut lands mid-ingest. */
const CUT_CASE = { fileName: 'events.jsonl', seed: 19, count: 60_000, tag: 'copy' };
const GIVE_UP_CASE = { fileName: 'gives-up.jsonl', seed: 23, count: 30_000, tag: 'again' };

describe.skipIf(!env)('pushpull ingest on Kafka through a broker outage', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pushpull-ingest-outage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps going while the broker is cut for 8 s: every event on the raw topic, the summary line', async () => {
    const { broker, file, events, namespace, names, proxy } = await outageCase(dir, CUT_CASE);
    let stderr = '';
    try {
      const exited = ingest(
        file,
        ['--retry-for', '60'],
        { broker, proxyPort: proxy.port, namespace, dataDir: join(dir, 'data') },
        (all) => {
          stderr = all;
        },
      );
      // Cut once the first events are through, for 8 s.
      const started = Date.now();
      while (!stderr.includes('20000 events published') && Date.now() - started < 120_000) await sleep(20);
      expect(stderr).toContain('20000 events published');
      await proxy.down();
      await sleep(8_000);
      await proxy.up();
      const { code } = await exited;
      expect(stderr).not.toContain('gave up');
      // one line when the broker goes, one when it is back (kafkajs's own lines aside)
      const ours = stderr.split('\n').filter((l) => l.startsWith('pushpull ingest: '));
      expect(
        ours.filter((l) => l.includes('cannot publish to')),
        stderr,
      ).toEqual([
        `pushpull ingest: cannot publish to ${names.raw} (no answer for 5 s); retrying for up to 60 s`,
      ]);
      expect(
        ours.filter((l) => l.includes('the bus is back')),
        stderr,
      ).toEqual([expect.stringMatching(/^pushpull ingest: the bus is back after \d+ s; publishing again$/)]);
      expect(stderr).toContain(
        `pushpull ingest: ${file}: 60000 events published to ${names.raw}; 0 lines rejected`,
      );
      expect(code, stderr).toBe(0);
    } finally {
      await proxy.down();
    }

    const got = await readTopic(broker, names.raw, events.length);
    const ids = new Set(got.map((m) => decodeActivity(m.value).id));
    expect(ids.size).toBe(events.length);
    expect(ids).toEqual(new Set(events.map((e) => e.id)));
    // Anything re-sent after the cut is on the topic twice at most once per batch; ids dedupe it downstream.
    expect(got.length - ids.size, stderr).toBeLessThanOrEqual(1000);
    console.log(`raw topic: ${got.length} messages, ${ids.size} distinct ids\n${stderr}`);
  });

  it('gives up past --retry-for naming the line to resume from; resuming there publishes every event', async () => {
    const { broker, file, events, namespace, names, proxy } = await outageCase(dir, GIVE_UP_CASE);
    const to = { broker, proxyPort: proxy.port, namespace, dataDir: join(dir, 'data-giveup') };
    try {
      let cut = false;
      const first = await ingest(file, ['--retry-for', '3'], to, (all) => {
        if (!cut && all.includes('20000 events published')) {
          cut = true;
          void proxy.down();
        }
      });
      expect(cut).toBe(true);
      const ours = first.stderr.split('\n').filter((l) => l.startsWith('pushpull ingest: '));
      const last = ours.at(-1)!;
      const m =
        /: (\d+) events published to (\S+); 0 lines rejected; stopped before line (\d+): resume with --from-line (\d+)$/.exec(
          last,
        );
      expect(m, first.stderr).not.toBeNull();
      expect(m![2]).toBe(names.raw);
      expect(m![3]).toBe(m![4]);
      const published = Number(m![1]);
      const resume = Number(m![4]);
      expect(published).toBeGreaterThanOrEqual(20_000);
      expect(resume).toBe(published + 1); // every line is an event: the first unacknowledged batch starts there
      expect(
        ours.some((l) => /gave up after \d+ s without the bus/.test(l)),
        first.stderr,
      ).toBe(true);
      expect(first.code).toBe(1);
      console.log(ours.join('\n'));

      await proxy.up();
      const second = await ingest(file, ['--from-line', String(resume)], to);
      expect(second.stderr).toContain(
        `${file}: ${events.length - published} events published from line ${resume} to ${names.raw}; 0 lines rejected`,
      );
      expect(second.code, second.stderr).toBe(0);
    } finally {
      await proxy.down();
    }

    const got = await readTopic(broker, names.raw, events.length);
    const ids = new Set(got.map((m) => decodeActivity(m.value).id));
    expect(ids).toEqual(new Set(events.map((e) => e.id)));
    console.log(`raw topic after resume: ${got.length} messages, ${ids.size} distinct ids`);
  });
});
