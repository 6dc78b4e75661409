import { type GraphDouble, type GraphRequestRecord, startGraphDouble } from '@pushpull/api-doubles/graph';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryRateBudget } from '../kit/in-memory-rate-budget';
import { GraphBatcher } from './graph-batcher';
import { GraphClient } from './graph-client';

describe('GraphBatcher against the Graph double', () => {
  let graph: GraphDouble;
  const waits: number[] = [];
  let now = Date.UTC(2026, 0, 5, 9);
  const clock = {
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
  };
  beforeEach(async () => {
    graph = await startGraphDouble();
    waits.length = 0;
  }, 60_000);
  afterEach(() => graph.close(), 60_000);

  const client = (clientSecret = graph.seed.app.clientSecret) =>
    new GraphClient({
      tenantId: graph.seed.app.tenantId,
      clientId: graph.seed.app.clientId,
      clientSecret,
      apiUrl: graph.apiUrl,
      authorityHost: graph.url,
      budget: new InMemoryRateBudget({ sleep: async () => {} }),
      signal: new AbortController().signal,
      log: () => {},
      clock,
      ca: graph.ca,
    });
  const mailboxes = () => graph.seed.users.slice(0, 12).map((u) => u.id);
  const link = (id: string) => `${graph.apiUrl}/users/${id}/mailFolders/sentitems/messages/delta`;
  /** The inner requests of each `$batch` the double received, in order. */
  const batches = (): GraphRequestRecord[][] => {
    const out: GraphRequestRecord[][] = [];
    for (const r of graph.requestLog) {
      if (r.kind === 'batch') out.push([]);
      else if (r.inBatch) out.at(-1)?.push(r);
    }
    return out;
  };

  it('sends what is asked in one tick as $batch requests of at most 20, at most perMailbox per mailbox, each caller its own answer', async () => {
    const batcher = new GraphBatcher({ graph: client(), perMailbox: 2 });
    const asked = mailboxes().flatMap((id) => [id, id, id]);
    const answers = await Promise.all(asked.map((id) => batcher.get({ url: link(id), mailbox: id })));
    for (const [i, answer] of answers.entries()) {
      expect(answer.status).toBe(200);
      const body = answer.body as { '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
      expect(body['@odata.nextLink'] ?? body['@odata.deltaLink']).toContain(`/users/${asked[i]}/`);
    }
    // 36 requests of 12 mailboxes, 2 a mailbox at a time: 20 (10 mailboxes × 2), then 14, then 2.
    expect(batches().map((b) => b.length)).toEqual([20, 14, 2]);
    for (const b of batches()) {
      const perMailbox = new Map<string, number>();
      for (const r of b) perMailbox.set(r.mailbox ?? '', (perMailbox.get(r.mailbox ?? '') ?? 0) + 1);
      expect(Math.max(...perMailbox.values())).toBeLessThanOrEqual(2);
    }
  }, 60_000);

  it('waits out the longest Retry-After of the throttled items, sends only those again and hands back no 429/503', async () => {
    graph.injectFaults({ throttle: { count: 2, kind: 'mail', retryAfter: 5 } });
    graph.injectFaults({ throttle: { count: 1, status: 503, kind: 'mail', retryAfter: 2 } });
    const batcher = new GraphBatcher({ graph: client(), perMailbox: 4 });
    const ids = mailboxes().slice(0, 6);
    const answers = await Promise.all(ids.map((id) => batcher.get({ url: link(id), mailbox: id })));
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    expect(waits).toEqual([5000]);
    expect(batches().map((b) => b.length)).toEqual([6, 3]);
  }, 60_000);

  it('rejects the callers of a $batch that fails as a whole', async () => {
    const batcher = new GraphBatcher({ graph: client('wrong-secret'), perMailbox: 4 });
    const ids = mailboxes().slice(0, 3);
    const results = await Promise.allSettled(ids.map((id) => batcher.get({ url: link(id), mailbox: id })));
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect(String((r as PromiseRejectedResult).reason)).toMatch(/GRAPH_CLIENT_SECRET/);
    }
  }, 60_000);
});
