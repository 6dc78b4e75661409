import { isPushpullError } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import type { Batch, Bus, HandlerResult, OutgoingMessage } from './bus';
import { EmbeddedBus } from './embedded-bus';
import { partitionForKey } from './partition-for-key';
import { describeBusContract } from './testing/bus-contract';

describeBusContract('embedded', async () => new EmbeddedBus());

const ok = (batch: Batch): HandlerResult[] => batch.messages.map(() => ({ kind: 'ok' }));
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function messages(n: number, prefix = 'k'): OutgoingMessage[] {
  return Array.from({ length: n }, (_, i) => ({ key: `${prefix}-${i % 5}`, value: Buffer.from(String(i)) }));
}

async function until(condition: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await tick();
  }
}

/** A handler that holds every batch until `release()` is called. */
function gatedHandler() {
  let open: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (open = resolve));
  const state = {
    seen: 0,
    release() {
      open();
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    handler: async (batch: Batch) => {
      await gate;
      state.seen += batch.messages.length;
      return ok(batch);
    },
  };
  return state;
}

describe('EmbeddedBus', () => {
  it('puts a key on the partition Kafka would, within the partitions asked for', async () => {
    const bus = new EmbeddedBus();
    await bus.ensureTopics(['t'], 5);
    const keys = Array.from({ length: 50 }, (_, i) => `conversation-${i}`);
    await bus.publish(
      't',
      keys.map((key) => ({ key, value: Buffer.from(key) })),
    );
    const seen = new Map<string, number>();
    const c = await bus.consume({
      topic: 't',
      groupId: 'g',
      handler: async (batch) => {
        for (const m of batch.messages) seen.set(m.key!, m.partition);
        return ok(batch);
      },
    });
    await until(() => seen.size === 50);
    for (const key of keys) expect(seen.get(key)).toBe(partitionForKey(key, 5));
    expect(new Set(seen.values()).size).toBe(5);
    await c.stop();
    await bus.close();
  });

  it('wakes an idle consumer as soon as something is published', async () => {
    const bus = new EmbeddedBus();
    let at = 0;
    const c = await bus.consume({
      topic: 'idle',
      groupId: 'g',
      handler: async (batch) => {
        at = performance.now();
        return ok(batch);
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    const published = performance.now();
    await bus.publish('idle', messages(1));
    await until(() => at > 0);
    expect(at - published).toBeLessThan(100);
    await c.stop();
    await bus.close();
  });

  it('makes a publisher wait while a consumer group lags by maxBufferedMessages, in call order', async () => {
    const bus = new EmbeddedBus({ maxBufferedMessages: 10 });
    const gated = gatedHandler();
    const c = await bus.consume({ topic: 'bp', groupId: 'g', maxBatchSize: 100, handler: gated.handler });
    await bus.publish('bp', messages(10));
    const order: string[] = [];
    const second = bus.publish('bp', messages(3, 'second')).then(() => order.push('second'));
    const third = bus.publish('bp', messages(3, 'third')).then(() => order.push('third'));
    await new Promise((r) => setTimeout(r, 30));
    expect(order).toEqual([]);
    expect(await c.lag()).toBe(10);
    while (order.length < 2) {
      gated.release();
      await tick();
    }
    await Promise.all([second, third]);
    expect(order).toEqual(['second', 'third']);
    await until(async () => {
      gated.release();
      return (await c.lag()) === 0;
    });
    expect(gated.seen).toBe(16);
    await c.stop();
    await bus.close();
  });

  it('does not throttle a topic nobody consumes', async () => {
    const bus = new EmbeddedBus({ maxBufferedMessages: 5 });
    await bus.publish('nobody', messages(20));
    await bus.publish('nobody', messages(20));
    const seen: number[] = [];
    const c = await bus.consume({
      topic: 'nobody',
      groupId: 'late',
      handler: async (batch) => {
        seen.push(batch.messages.length);
        return ok(batch);
      },
    });
    await until(() => seen.reduce((a, b) => a + b, 0) === 40);
    await c.stop();
    await bus.close();
  });

  it('settles publishes waiting for room when it closes, and rejects publishes afterwards', async () => {
    const bus = new EmbeddedBus({ maxBufferedMessages: 1 });
    const gated = gatedHandler();
    await bus.consume({ topic: 'closing', groupId: 'g', handler: gated.handler });
    await bus.publish('closing', messages(1));
    let settled = false;
    const waiting = bus.publish('closing', messages(1)).finally(() => {
      settled = true;
    });
    await tick();
    expect(settled).toBe(false);
    const closing = bus.close();
    gated.release();
    await closing;
    await waiting;
    expect(settled).toBe(true);
    await expect(bus.publish('closing', messages(1))).rejects.toMatchObject({ code: 'BUS_CLOSED' });
    await expect(
      bus.consume({ topic: 'closing', groupId: 'h', handler: gated.handler }),
    ).rejects.toMatchObject({
      code: 'BUS_CLOSED',
    });
  });

  it('can release committed messages, so a later group starts at the oldest retained one', async () => {
    const bus = new EmbeddedBus({ discardCommitted: true });
    await bus.ensureTopics(['ret'], 1);
    let seen = 0;
    const a = await bus.consume({
      topic: 'ret',
      groupId: 'a',
      handler: async (batch) => {
        seen += batch.messages.length;
        return ok(batch);
      },
    });
    await bus.publish('ret', messages(10_000));
    await until(() => seen === 10_000);
    await until(async () => (await a.lag()) === 0);
    const offsets: string[] = [];
    const b = await bus.consume({
      topic: 'ret',
      groupId: 'b',
      handler: async (batch) => {
        offsets.push(...batch.messages.map((m) => m.offset));
        return ok(batch);
      },
    });
    await bus.publish('ret', messages(1));
    await until(() => offsets.length === 1);
    expect(offsets).toEqual(['10000']);
    await until(async () => (await b.lag()) === 0);
    await bus.close();
  });

  it('starts a new group at the end when fromBeginning is false', async () => {
    const bus = new EmbeddedBus();
    await bus.publish('fb', messages(5));
    const values: string[] = [];
    const c = await bus.consume({
      topic: 'fb',
      groupId: 'g',
      fromBeginning: false,
      handler: async (batch) => {
        values.push(...batch.messages.map((m) => m.value.toString()));
        return ok(batch);
      },
    });
    await until(async () => (await c.lag()) === 0);
    await bus.publish('fb', [{ key: null, value: Buffer.from('new') }]);
    await until(() => values.length === 1);
    expect(values).toEqual(['new']);
    await bus.close();
  });

  it('treats a wrong number of results as a handler fault', async () => {
    const bus: Bus = new EmbeddedBus();
    await bus.publish('bad-results', messages(3));
    let fatal: unknown;
    await bus.consume({
      topic: 'bad-results',
      groupId: 'g',
      maxRetries: 1,
      retryBackoffMs: 1,
      onFatal: (err) => {
        fatal = err;
      },
      handler: async () => [{ kind: 'ok' }],
    });
    await until(() => fatal !== undefined);
    expect(isPushpullError(fatal, 'BUS_HANDLER_FAILED')).toBe(true);
    expect(isPushpullError((fatal as Error).cause, 'BUS_HANDLER_RESULT')).toBe(true);
    await bus.close();
  });

  it('stops promptly during a retry backoff without committing', async () => {
    const bus = new EmbeddedBus();
    await bus.publish('backoff', messages(2));
    let calls = 0;
    const c = await bus.consume({
      topic: 'backoff',
      groupId: 'g',
      retryBackoffMs: 10_000,
      handler: async () => {
        calls++;
        throw new Error('down');
      },
    });
    await until(() => calls === 1);
    // stop() cuts the 10 s backoff short: it must win a race against a timer of the backoff's length.
    const first = await Promise.race([
      c.stop().then(() => 'stopped'),
      new Promise((resolve) => setTimeout(resolve, 10_000).unref()).then(() => 'backoff ran out'),
    ]);
    expect(first).toBe('stopped');
    expect(await c.lag()).toBe(2);
    await bus.close();
  });

  it('rejects bad options with BUS_BAD_OPTION', async () => {
    expect(() => new EmbeddedBus({ maxBufferedMessages: 0 })).toThrow(/maxBufferedMessages/);
    const bus = new EmbeddedBus();
    await expect(bus.ensureTopics(['x'], 0)).rejects.toMatchObject({ code: 'BUS_BAD_OPTION' });
    await expect(
      bus.consume({ topic: 'x', groupId: 'g', maxInFlight: 0, handler: async () => [] }),
    ).rejects.toMatchObject({
      code: 'BUS_BAD_OPTION',
    });
    await bus.close();
  });
});
