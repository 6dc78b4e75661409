import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutgoingMessage } from '@pushpull/bus';
import { decodeActivity, keyedHash, SuppressionFilter } from '@pushpull/core';
import { simulateOrganisation } from '@pushpull/simulator';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestLines } from './ingest-lines';
import { LineRejections } from './line-rejections';
import type { RetryClock } from './publish-with-retry';

const dir = mkdtempSync(join(tmpdir(), 'pushpull-ingest-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sim = simulateOrganisation({ seed: 17, people: 12, days: 10, start: '2026-07-06' });
const events = sim.events.slice(0, 50);
// line 11 is not JSON; line 31 re-uses line 2's id with other content
const lines = events.map((e) => JSON.stringify(e));
lines.splice(10, 0, '{not json');
lines.splice(30, 0, JSON.stringify({ ...events[1], text: 'Not the same.' }));
const file = join(dir, 'events.jsonl');
writeFileSync(file, `${lines.join('\n')}\n`);
const RAW = 'test.raw';

/** A clock that only moves when someone sleeps on it. */
function fakeClock(): RetryClock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

/** A bus that stores what it is sent (by topic) and fails while `down(now)` says so. */
function fakeBus(clock: RetryClock, down: (now: number, call: number) => boolean) {
  const topics = new Map<string, OutgoingMessage[]>();
  let calls = 0;
  return {
    topics,
    ids: (topic: string) => (topics.get(topic) ?? []).map((m) => decodeActivity(m.value).id),
    publish: async (topic: string, messages: readonly OutgoingMessage[]) => {
      calls++;
      if (down(clock.now(), calls)) throw new Error('connect ECONNREFUSED 127.0.0.1:9092');
      topics.set(topic, [...(topics.get(topic) ?? []), ...messages]);
    },
  };
}

function run(
  bus: ReturnType<typeof fakeBus>,
  clock: RetryClock,
  extra: { fromLine?: number; retryForMs?: number; suppression?: SuppressionFilter },
) {
  const said: string[] = [];
  const rejected = new LineRejections('pushpull ingest', file, (s) => said.push(s.trimEnd()));
  return ingestLines({
    file,
    raw: RAW,
    publish: bus.publish,
    rejected,
    say: (s) => said.push(s),
    clock,
    batchSize: 10,
    initialBackoffMs: 1000,
    maxBackoffMs: 4000,
    ...extra,
  }).then((result) => ({ result, said, rejected }));
}

/**
 * Runs with `stallMs` 5 s on a clock that moves 1 s every 2 ms of real time while it runs, so that a
 * publish call left unanswered sees time pass; sleeping waits for the clock to reach its end.
 */
async function runTicking(
  bus: ReturnType<typeof fakeBus>,
  clock: ReturnType<typeof fakeClock>,
  extra: { retryForMs?: number },
) {
  const said: string[] = [];
  const tick = setInterval(() => {
    clock.t += 1000;
  }, 2);
  try {
    const result = await ingestLines({
      file,
      raw: RAW,
      publish: bus.publish,
      rejected: new LineRejections('pushpull ingest', file, () => {}),
      say: (s) => said.push(s),
      clock: {
        now: clock.now,
        sleep: (ms) =>
          new Promise((resolve) => {
            const until = clock.t + ms;
            const wait = () => (clock.t >= until ? resolve() : setTimeout(wait, 1));
            wait();
          }),
      },
      batchSize: 10,
      stallMs: 5000,
      ...extra,
    });
    return { result, said };
  } finally {
    clearInterval(tick);
  }
}

describe('ingestLines: through a bus outage', () => {
  it('retries a 9 s outage within the deadline: everything published once, one line down, one back', async () => {
    const clock = fakeClock();
    // the 3rd publish call fails, and every call for the next 9 s
    let downFrom: number | undefined;
    const bus = fakeBus(clock, (now, call) => {
      if (call === 3) downFrom = now;
      return downFrom !== undefined && now < downFrom + 9000;
    });
    const { result, said, rejected } = await run(bus, clock, { retryForMs: 120_000 });
    expect(result.gaveUp).toBeUndefined();
    expect(result.published).toBe(50);
    expect(bus.ids(RAW)).toEqual(events.map((e) => e.id));
    expect(bus.ids(`${RAW}.dlq`)).toEqual([events[1]!.id]);
    expect(rejected.summary()).toBe('2 lines rejected (lines 11, 31: 1 JSON_INVALID, 1 EVENT_ID_CONFLICT)');
    expect(said.filter((s) => s.startsWith('cannot publish'))).toEqual([
      'cannot publish to test.raw (connect ECONNREFUSED 127.0.0.1:9092); retrying for up to 120 s',
    ]);
    // backoff 1, 2, 4, 4 s: the 5th attempt, at 11 s, is the first after the outage
    expect(said.filter((s) => s.startsWith('the bus is back'))).toEqual([
      'the bus is back after 11 s; publishing again',
    ]);
  });

  it('gives up after the deadline naming the first unacknowledged line; resuming there publishes the rest once', async () => {
    const clock = fakeClock();
    let calls = 0;
    // batches of 10 events: lines 1-10, 12-21 go through, then the bus is gone for good
    const bus = fakeBus(clock, () => ++calls > 2);
    const first = await run(bus, clock, { retryForMs: 30_000 });
    expect(first.result.published).toBe(20);
    expect(first.result.gaveUp?.resumeLine).toBe(22);
    expect(first.result.gaveUp?.error.message).toBe(
      'gave up after 30 s without the bus (connect ECONNREFUSED 127.0.0.1:9092)',
    );
    expect(first.said.filter((s) => s.startsWith('cannot publish'))).toHaveLength(1);
    expect(clock.t).toBe(30_000);

    // the same bus is back: resume from line 22
    calls = -1_000;
    const second = await run(bus, clock, { fromLine: 22 });
    expect(second.result.gaveUp).toBeUndefined();
    expect(second.result.published).toBe(30);
    // line 11 (before the resume line) is not reported again; line 31 still is (its id's first use was seen)
    expect(second.rejected.summary()).toBe('1 line rejected (line 31: 1 EVENT_ID_CONFLICT)');
    const ids = bus.ids(RAW);
    expect(ids).toHaveLength(50);
    expect(new Set(ids)).toEqual(new Set(events.map((e) => e.id)));
    expect(bus.ids(`${RAW}.dlq`)).toEqual([events[1]!.id]);
  });

  it('a failed dead-letter publish is resumed from the dead-lettered line', async () => {
    const clock = fakeClock();
    const bus = fakeBus(clock, () => false);
    const publish = bus.publish;
    bus.publish = async (topic, messages) => {
      if (topic.endsWith('.dlq')) throw new Error('dlq unreachable');
      return publish(topic, messages);
    };
    const r = await run(bus, clock, { retryForMs: 5_000 });
    // batches: 1-10, 12-21, 22-30+32 (line 31 is the conflict, dead-lettered after that batch)
    expect(r.result.gaveUp?.resumeLine).toBe(31);
    expect(r.result.published).toBe(30);
  });

  it('with stallMs, a call left unanswered is an outage from when it started, logged while it waits', async () => {
    const clock = fakeClock();
    const bus = fakeBus(clock, () => false);
    const publish = bus.publish;
    let calls = 0;
    bus.publish = async (topic, messages) => {
      // the 2nd call hangs (the client retrying inside it) for 8 s of the clock, then goes through
      if (++calls === 2) {
        const until = clock.t + 8000;
        while (clock.t < until) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return publish(topic, messages);
    };
    const { result, said } = await runTicking(bus, clock, {});
    expect(result).toMatchObject({ published: 50 });
    expect(said.filter((s) => !s.endsWith('events published'))).toEqual([
      'cannot publish to test.raw (no answer for 5 s); retrying for up to 120 s',
      expect.stringMatching(/^the bus is back after (8|9) s; publishing again$/),
    ]);
    expect(new Set(bus.ids(RAW)).size).toBe(50);
  });

  it('with stallMs, a call still unanswered at the deadline is given up on', async () => {
    const clock = fakeClock();
    const bus = fakeBus(clock, () => false);
    const publish = bus.publish;
    let calls = 0;
    // the 3rd call never answers
    bus.publish = (topic, messages) =>
      ++calls === 3 ? new Promise<void>(() => {}) : publish(topic, messages);
    const { result, said } = await runTicking(bus, clock, { retryForMs: 20_000 });
    expect(result.published).toBe(20);
    expect(result.gaveUp?.resumeLine).toBe(22);
    expect(result.gaveUp?.error.message).toMatch(
      /^gave up after 2\d s without the bus \(no answer for 2\d s\)$/,
    );
    expect(said).toEqual(['cannot publish to test.raw (no answer for 5 s); retrying for up to 20 s']);
  });

  it('--from-line past the end publishes nothing and rejects nothing', async () => {
    const clock = fakeClock();
    const bus = fakeBus(clock, () => false);
    const r = await run(bus, clock, { fromLine: 1000 });
    expect(r.result).toEqual({ published: 0, repeats: 0, suppressed: 0 });
    expect(r.rejected.count).toBe(0);
  });

  it('drops the events of an erased person before the bus, and counts them', async () => {
    const clock = fakeClock();
    const bus = fakeBus(clock, () => false);
    const erased = events[0]!.actor;
    const keys = [
      erased.email && `email:${erased.email.toLowerCase()}`,
      erased.githubLogin && `gh:${erased.githubLogin.toLowerCase()}`,
      erased.slackId && `slack:${erased.slackId}`,
    ].filter((k): k is string => typeof k === 'string');
    const suppression = new SuppressionFilter(
      'k',
      keys.map((k) => keyedHash('k', k)),
    );
    const involving = events.filter((e) => suppression.involves(e)).map((e) => e.id);
    expect(involving.length).toBeGreaterThan(0);
    const r = await run(bus, clock, { suppression });
    expect(r.result.suppressed).toBe(involving.length);
    const published = bus.ids(RAW);
    expect(published.filter((id) => involving.includes(id))).toEqual([]);
    expect(r.result.published).toBe(published.length);
    expect(published.length + involving.length).toBe(events.length);
  });
});
