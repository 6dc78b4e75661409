/**
 * The one contract suite every Bus implementation passes (run by embedded-bus.test.ts and
 * kafka-bus.int.test.ts). Each test uses a fresh topic and group and checks a ledger: nothing lost,
 * nothing seen twice, per-key order kept. Imports vitest: not exported from the package index.
 */
import { dlqTopic, isPushpullError } from '@pushpull/core';
import { uniqueName } from '@pushpull/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Batch, BatchStats, Bus, BusMessage, Consumer, HandlerResult, OutgoingMessage } from '../bus';
import { DLQ_REASON_HEADER, DLQ_STEP_HEADER } from '../bus';
import {
  DLQ_MAX_REASON_LENGTH,
  DLQ_SOURCE_OFFSET_HEADER,
  DLQ_SOURCE_PARTITION_HEADER,
  DLQ_SOURCE_TOPIC_HEADER,
} from '../dlq';

const WAIT_MS = 30_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 20 ms until it holds; fails with `what` after `timeoutMs`. */
async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

function allOk(batch: Batch): HandlerResult[] {
  return batch.messages.map(() => ({ kind: 'ok' }));
}

interface Payload {
  key: string | null;
  seq: number;
}

/** `count` messages over `keys` keys (key null when keys is 0), each carrying its key and sequence. */
function makeMessages(count: number, keys: number, start = 0): OutgoingMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = start + i;
    const key = keys === 0 ? null : `key-${seq % keys}`;
    return { key, value: Buffer.from(JSON.stringify({ key, seq })), headers: { 'x-seq': String(seq) } };
  });
}

function payload(m: BusMessage): Payload {
  return JSON.parse(m.value.toString('utf8')) as Payload;
}

/** Records every message a handler sees, by sequence number. */
class Ledger {
  readonly seen = new Map<number, number>();
  readonly byKey = new Map<string | null, number[]>();
  readonly partitionsByKey = new Map<string | null, Set<number>>();
  readonly messages: BusMessage[] = [];

  record(m: BusMessage): void {
    const { key, seq } = payload(m);
    this.messages.push(m);
    this.seen.set(seq, (this.seen.get(seq) ?? 0) + 1);
    const list = this.byKey.get(key) ?? [];
    list.push(seq);
    this.byKey.set(key, list);
    const parts = this.partitionsByKey.get(key) ?? new Set<number>();
    parts.add(m.partition);
    this.partitionsByKey.set(key, parts);
  }

  get unique(): number {
    return this.seen.size;
  }

  duplicates(): number[] {
    return [...this.seen].filter(([, n]) => n > 1).map(([seq]) => seq);
  }
}

/**
 * Registers the bus contract tests under `describe(name)`. `makeBus` is called once for the suite;
 * the bus is closed after it.
 *
 * @example describeBusContract('embedded', async () => new EmbeddedBus());
 */
export function describeBusContract(name: string, makeBus: () => Promise<Bus>): void {
  describe(`Bus contract: ${name}`, () => {
    let bus: Bus;
    const running: Consumer[] = [];

    beforeAll(async () => {
      bus = await makeBus();
    });

    afterEach(async () => {
      await Promise.all(running.splice(0).map((c) => c.stop()));
    });

    afterAll(async () => {
      await bus?.close();
    });

    async function consume(options: Parameters<Bus['consume']>[0]): Promise<Consumer> {
      const consumer = await bus.consume(options);
      running.push(consumer);
      return consumer;
    }

    async function freshTopic(partitions = 3): Promise<{ topic: string; groupId: string }> {
      const topic = uniqueName('bus-contract');
      await bus.ensureTopics([topic], partitions);
      return { topic, groupId: uniqueName('group') };
    }

    /** Reads a whole topic (as it is once `settle` holds) with a throwaway group. */
    async function readAll(topic: string): Promise<BusMessage[]> {
      const out: BusMessage[] = [];
      const reader = await consume({
        topic,
        groupId: uniqueName('reader'),
        handler: async (batch) => {
          out.push(...batch.messages);
          return allOk(batch);
        },
      });
      await waitFor(`reader of ${topic} to catch up`, async () => (await reader.lag()) === 0);
      return out;
    }

    it('delivers every message exactly once, keeps per-key order and one partition per key', async () => {
      const { topic, groupId } = await freshTopic(3);
      const count = 300;
      const all = makeMessages(count, 7);
      await bus.publish(topic, all.slice(0, 100));
      await bus.publish(topic, all.slice(100, 250));
      const ledger = new Ledger();
      const batchSizes: number[] = [];
      const consumer = await consume({
        topic,
        groupId,
        maxBatchSize: 40,
        handler: async (batch) => {
          batchSizes.push(batch.messages.length);
          for (const m of batch.messages) {
            expect(m.topic).toBe(batch.topic);
            expect(m.partition).toBe(batch.partition);
            ledger.record(m);
          }
          return allOk(batch);
        },
      });
      await bus.publish(topic, all.slice(250));
      await waitFor('all messages', () => ledger.unique === count);
      await waitFor('lag 0', async () => (await consumer.lag()) === 0);

      expect(ledger.duplicates()).toEqual([]);
      expect(Math.max(...batchSizes)).toBeLessThanOrEqual(40);
      expect(ledger.byKey.size).toBe(7);
      for (const [key, seqs] of ledger.byKey) {
        expect(seqs, `order of ${key}`).toEqual([...seqs].sort((a, b) => a - b));
        expect(ledger.partitionsByKey.get(key)?.size, `partitions of ${key}`).toBe(1);
      }
      const first = ledger.messages.find((m) => payload(m).seq === 5)!;
      expect(first.key).toBe('key-5');
      expect(first.headers['x-seq']).toBe('5');
      expect(first.offset).toMatch(/^\d+$/);
    });

    it('delivers messages without a key', async () => {
      const { topic, groupId } = await freshTopic(3);
      const ledger = new Ledger();
      await bus.publish(topic, makeMessages(30, 0));
      await consume({
        topic,
        groupId,
        handler: async (batch) => {
          for (const m of batch.messages) ledger.record(m);
          return allOk(batch);
        },
      });
      await waitFor('all keyless messages', () => ledger.unique === 30);
      expect(ledger.messages.every((m) => m.key === null)).toBe(true);
      expect(ledger.duplicates()).toEqual([]);
    });

    it('creates an unknown topic on publish', async () => {
      const topic = uniqueName('bus-contract-auto');
      await bus.publish(topic, makeMessages(3, 1));
      const seen = await readAll(topic);
      expect(seen.map((m) => payload(m).seq)).toEqual([0, 1, 2]);
    });

    it('dead-letters the original bytes with reason and step; drop is not dead-lettered', async () => {
      const { topic, groupId } = await freshTopic(3);
      const badBytes = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22]);
      const messages = [
        ...makeMessages(10, 3),
        { key: 'bad', value: badBytes, headers: { 'x-origin': 'test' } },
        { key: 'skip', value: Buffer.from(JSON.stringify({ key: 'skip', seq: 999 })) },
      ];
      await bus.publish(topic, messages);
      const ok: number[] = [];
      let badOffset: string | undefined;
      let badPartition: number | undefined;
      const stats: BatchStats[] = [];
      const longReason = `not JSON: ${'x'.repeat(5000)}`;
      const consumer = await consume({
        topic,
        groupId,
        onBatchDone: (s) => stats.push(s),
        handler: async (batch) =>
          batch.messages.map((m): HandlerResult => {
            if (m.key === 'skip') return { kind: 'drop', reason: 'not interesting' };
            try {
              ok.push(payload(m).seq);
              return { kind: 'ok' };
            } catch {
              badOffset = m.offset;
              badPartition = m.partition;
              return { kind: 'dlq', reason: longReason, step: 'decode' };
            }
          }),
      });
      await waitFor('the valid messages', () => ok.length === 10);
      await waitFor('lag 0', async () => (await consumer.lag()) === 0);

      const letters = await readAll(dlqTopic(topic));
      expect(letters).toHaveLength(1);
      const letter = letters[0]!;
      expect(Buffer.compare(letter.value, badBytes)).toBe(0);
      expect(letter.key).toBe('bad');
      expect(letter.headers[DLQ_STEP_HEADER]).toBe('decode');
      expect(letter.headers[DLQ_REASON_HEADER]!.startsWith('not JSON: xxx')).toBe(true);
      expect(letter.headers[DLQ_REASON_HEADER]!.length).toBeLessThanOrEqual(DLQ_MAX_REASON_LENGTH);
      expect(letter.headers[DLQ_SOURCE_TOPIC_HEADER]).toBe(topic);
      expect(letter.headers[DLQ_SOURCE_PARTITION_HEADER]).toBe(String(badPartition));
      expect(letter.headers[DLQ_SOURCE_OFFSET_HEADER]).toBe(badOffset);
      expect(letter.headers['x-origin']).toBe('test');
      expect(ok.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const totals = stats.reduce(
        (t, s) => ({ size: t.size + s.size, dropped: t.dropped + s.dropped, dead: t.dead + s.deadLettered }),
        { size: 0, dropped: 0, dead: 0 },
      );
      expect(totals).toEqual({ size: 12, dropped: 1, dead: 1 });
    });

    it('retries a batch whose handler throws, then succeeds without losing anything', async () => {
      const { topic, groupId } = await freshTopic(1);
      await bus.publish(topic, makeMessages(50, 4));
      const ledger = new Ledger();
      const attempts: string[][] = [];
      let calls = 0;
      const consumer = await consume({
        topic,
        groupId,
        maxBatchSize: 20,
        retryBackoffMs: 10,
        handler: async (batch) => {
          calls++;
          attempts.push(batch.messages.map((m) => m.offset));
          if (calls <= 2) throw new Error('database unavailable');
          for (const m of batch.messages) ledger.record(m);
          return allOk(batch);
        },
      });
      await waitFor('all messages', () => ledger.unique === 50);
      await waitFor('lag 0', async () => (await consumer.lag()) === 0);
      expect(ledger.duplicates()).toEqual([]);
      expect(attempts[1]).toEqual(attempts[0]);
      expect(attempts[2]).toEqual(attempts[0]);
    });

    it('resumes a group after a stopped member: nothing lost, nothing committed re-delivered', async () => {
      const { topic, groupId } = await freshTopic(3);
      const count = 400;
      await bus.publish(topic, makeMessages(count, 9));
      const ledger = new Ledger();
      const handler = async (batch: Batch) => {
        await sleep(5);
        for (const m of batch.messages) ledger.record(m);
        return allOk(batch);
      };
      const first = await consume({ topic, groupId, maxBatchSize: 10, handler });
      await waitFor('the first member to be mid-stream', () => ledger.unique >= 100);
      await first.stop();
      const seenByFirst = ledger.unique;
      expect(seenByFirst).toBeLessThan(count);
      await consume({ topic, groupId, maxBatchSize: 10, handler });
      await waitFor('all messages', () => ledger.unique === count);
      expect(ledger.duplicates()).toEqual([]);
      for (const [key, seqs] of ledger.byKey) {
        expect(seqs, `order of ${key}`).toEqual([...seqs].sort((a, b) => a - b));
      }
    });

    it('shares the partitions between two members of one group, losing nothing', async () => {
      const { topic, groupId } = await freshTopic(4);
      const count = 400;
      const ledger = new Ledger();
      const byMember = [new Set<number>(), new Set<number>()];
      const handlerFor = (member: number) => async (batch: Batch) => {
        await sleep(2);
        byMember[member]!.add(batch.partition);
        for (const m of batch.messages) ledger.record(m);
        return allOk(batch);
      };
      await consume({ topic, groupId, maxBatchSize: 10, handler: handlerFor(0) });
      await consume({ topic, groupId, maxBatchSize: 10, handler: handlerFor(1) });
      await bus.publish(topic, makeMessages(count, 16));
      await waitFor('all messages', () => ledger.unique === count);
      expect(ledger.duplicates()).toEqual([]);
      expect(byMember[0]!.size).toBeGreaterThan(0);
      expect(byMember[1]!.size).toBeGreaterThan(0);
      expect([...byMember[0]!].filter((p) => byMember[1]!.has(p))).toEqual([]);
    });

    it('starts where resumeFrom says, falls back to the committed offset on null, and can rewind', async () => {
      const { topic, groupId } = await freshTopic(1);
      await bus.publish(topic, makeMessages(20, 2));
      const asked: Array<[string, number]> = [];
      const run = async (answer: string | null, expected: number) => {
        const offsets: string[] = [];
        const consumer = await consume({
          topic,
          groupId,
          resumeFrom: async (t, p) => {
            asked.push([t, p]);
            return answer;
          },
          handler: async (batch) => {
            offsets.push(...batch.messages.map((m) => m.offset));
            return allOk(batch);
          },
        });
        await waitFor(`${expected} messages`, () => offsets.length >= expected);
        await waitFor('lag 0', async () => (await consumer.lag()) === 0);
        await consumer.stop();
        return offsets;
      };
      expect(await run('12', 8)).toEqual(['12', '13', '14', '15', '16', '17', '18', '19']);
      expect(asked[0]).toEqual([topic, 0]);
      await bus.publish(topic, makeMessages(5, 2, 20));
      expect(await run(null, 5)).toEqual(['20', '21', '22', '23', '24']);
      const rewound = await run('3', 22);
      expect(rewound).toEqual(Array.from({ length: 22 }, (_, i) => String(i + 3)));
    });

    it('never runs more than maxInFlight batches at once', async () => {
      const { topic, groupId } = await freshTopic(4);
      await bus.publish(topic, makeMessages(240, 24));
      let active = 0;
      let peak = 0;
      let done = 0;
      await consume({
        topic,
        groupId,
        maxInFlight: 2,
        maxBatchSize: 10,
        handler: async (batch) => {
          active++;
          peak = Math.max(peak, active);
          await sleep(15);
          active--;
          done += batch.messages.length;
          return allOk(batch);
        },
      });
      await waitFor('all messages', () => done === 240);
      expect(peak).toBeLessThanOrEqual(2);
      expect(peak).toBe(2);
    });

    it('reports lag as what the group has not consumed', async () => {
      const { topic, groupId } = await freshTopic(3);
      await bus.publish(topic, makeMessages(10, 5));
      let seen = 0;
      const consumer = await consume({
        topic,
        groupId,
        handler: async (batch) => {
          seen += batch.messages.length;
          return allOk(batch);
        },
      });
      await waitFor('10 messages', () => seen === 10);
      await waitFor('lag 0', async () => (await consumer.lag()) === 0);
      await consumer.stop();
      await bus.publish(topic, makeMessages(7, 5, 10));
      expect(await consumer.lag()).toBe(7);
    });

    it('calls onFatal once retries are exhausted and commits nothing', async () => {
      const { topic, groupId } = await freshTopic(1);
      await bus.publish(topic, makeMessages(5, 1));
      let calls = 0;
      let fatal: unknown;
      const consumer = await consume({
        topic,
        groupId,
        maxRetries: 2,
        retryBackoffMs: 5,
        onFatal: (err) => {
          fatal = err;
        },
        handler: async () => {
          calls++;
          throw new Error('database unavailable');
        },
      });
      await waitFor('onFatal', () => fatal !== undefined);
      expect(isPushpullError(fatal, 'BUS_HANDLER_FAILED')).toBe(true);
      expect(((fatal as Error).cause as Error).message).toBe('database unavailable');
      await consumer.stop();
      expect(calls).toBe(3);
      expect(await consumer.lag()).toBe(5);
    });
  });
}
