import { describe, expect, it } from 'vitest';
import type { Batch, OutageChange } from './bus';
import { handleBatch } from './handle-batch';

const batch: Batch = {
  topic: 't',
  partition: 1,
  messages: [{ topic: 't', partition: 1, key: 'k', value: Buffer.from('v'), headers: {}, offset: '7' }],
};
const ok = () => batch.messages.map(() => ({ kind: 'ok' as const }));
const outage = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
const isOutage = (err: unknown) => (err as { code?: string }).code === 'ECONNRESET';
const noPublish = async () => {};

describe('handleBatch', () => {
  it('retries a batch through a dependency outage however long, without spending its retries, and says when it started and ended', async () => {
    let calls = 0;
    const changes: OutageChange[] = [];
    const clock = { t: 0 };
    const outcome = await handleBatch(
      batch,
      {
        handler: async () => {
          calls++;
          clock.t += 1000;
          if (calls <= 12) throw outage();
          return ok();
        },
        maxRetries: 1,
        retryBackoffMs: 1,
        isOutage,
        outageRetryMs: 4,
        onOutage: (c) => changes.push(c),
      },
      noPublish,
      new AbortController().signal,
      () => clock.t,
    );
    expect(outcome.kind).toBe('done');
    expect(calls).toBe(13);
    expect(changes.map((c) => c.state)).toEqual(['down', 'up']);
    expect(changes[0]).toMatchObject({ state: 'down', topic: 't', partition: 1 });
    expect(changes[1]).toMatchObject({ state: 'up', downForMs: 12_000 });
  });

  it('still gives up on an error that is not an outage after maxRetries, outages before it not counted', async () => {
    let calls = 0;
    const outcome = await handleBatch(
      batch,
      {
        handler: async () => {
          calls++;
          throw calls <= 3 ? outage() : new Error('bad batch');
        },
        maxRetries: 2,
        retryBackoffMs: 1,
        isOutage,
        outageRetryMs: 2,
      },
      noPublish,
      new AbortController().signal,
    );
    expect(outcome.kind).toBe('failed');
    expect(calls).toBe(3 + 3);
    if (outcome.kind === 'failed') expect(outcome.error.message).toMatch(/bad batch/);
  });

  it('stops waiting when the consumer stops during an outage', async () => {
    const abort = new AbortController();
    const outcome = await handleBatch(
      batch,
      {
        handler: async () => {
          abort.abort();
          throw outage();
        },
        maxRetries: 0,
        retryBackoffMs: 1,
        isOutage,
        outageRetryMs: 10_000,
      },
      noPublish,
      abort.signal,
    );
    expect(outcome.kind).toBe('stopped');
  });
});
