import { describe, expect, it } from 'vitest';
import { ReportCache } from './report-cache';

/** A promise with its resolve and reject exposed. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('ReportCache', () => {
  it('returns the cached answer while the data version is unchanged', async () => {
    const cache = new ReportCache<{ n: number }>();
    let calls = 0;
    const compute = async () => ({ n: ++calls });
    const first = await cache.get('leaders|last-90d', 'v1', compute);
    const second = await cache.get('leaders|last-90d', 'v1', compute);
    expect(second).toBe(first);
    expect(calls).toBe(1);
    expect(cache.computed).toBe(1);
  });

  it('recomputes when the data version changes, and keys answers apart', async () => {
    const cache = new ReportCache<string>();
    let calls = 0;
    const compute = async () => `answer ${++calls}`;
    expect(await cache.get('k', 'v1', compute)).toBe('answer 1');
    expect(await cache.get('k', 'v2', compute)).toBe('answer 2');
    expect(await cache.get('k', 'v2', compute)).toBe('answer 2');
    expect(await cache.get('other', 'v2', compute)).toBe('answer 3');
    expect(calls).toBe(3);
  });

  it('shares one computation among concurrent callers of the same key and version', async () => {
    const cache = new ReportCache<string>();
    const pending = deferred<string>();
    let calls = 0;
    const compute = () => {
      calls++;
      return pending.promise;
    };
    const callers = Array.from({ length: 20 }, () => cache.get('overview|admin', 'v1', compute));
    expect(calls).toBe(1);
    pending.resolve('the overview');
    expect(await Promise.all(callers)).toEqual(Array(20).fill('the overview'));
    expect(calls).toBe(1);
  });

  it('recomputes after its time to live on the injected clock', async () => {
    let now = 1_000;
    const cache = new ReportCache<number>({ ttlMs: 500, clock: () => now });
    let calls = 0;
    const compute = async () => ++calls;
    expect(await cache.get('k', 'v', compute)).toBe(1);
    now += 499;
    expect(await cache.get('k', 'v', compute)).toBe(1);
    now += 1;
    expect(await cache.get('k', 'v', compute)).toBe(2);
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const cache = new ReportCache<string>({ maxEntries: 2 });
    let calls = 0;
    const compute = (key: string) => async () => `${key} ${++calls}`;
    await cache.get('a', 'v', compute('a'));
    await cache.get('b', 'v', compute('b'));
    await cache.get('a', 'v', compute('a')); // a is now the most recently used
    await cache.get('c', 'v', compute('c')); // evicts b
    expect(cache.size).toBe(2);
    expect(await cache.get('a', 'v', compute('a'))).toBe('a 1');
    expect(await cache.get('b', 'v', compute('b'))).toBe('b 4');
  });

  it('never serves a failed computation: the next call computes again', async () => {
    const cache = new ReportCache<string>();
    const failing = deferred<string>();
    const first = cache.get('k', 'v', () => failing.promise);
    const joined = cache.get('k', 'v', () => Promise.resolve('not called'));
    failing.reject(new Error('database went away'));
    await expect(first).rejects.toThrow('database went away');
    await expect(joined).rejects.toThrow('database went away');
    expect(await cache.get('k', 'v', async () => 'fresh')).toBe('fresh');
    expect(cache.computed).toBe(2);
  });

  it('keeps the newer entry when an older computation of the same key fails', async () => {
    const cache = new ReportCache<string>();
    const old = deferred<string>();
    const stale = cache.get('k', 'v1', () => old.promise);
    expect(await cache.get('k', 'v2', async () => 'new')).toBe('new');
    old.reject(new Error('too late'));
    await expect(stale).rejects.toThrow('too late');
    expect(await cache.get('k', 'v2', async () => 'recomputed')).toBe('new');
  });
});
