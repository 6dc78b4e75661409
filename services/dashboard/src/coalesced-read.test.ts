import { describe, expect, it } from 'vitest';
import { coalescedRead } from './coalesced-read';

describe('coalescedRead', () => {
  it('serves a burst with two reads, never with a read begun before the caller arrived', async () => {
    const reads: { resolve: (v: number) => void }[] = [];
    const read = coalescedRead(
      () =>
        new Promise<number>((resolve) => {
          reads.push({ resolve });
        }),
    );
    const first = read();
    await Promise.resolve(); // the first read starts
    expect(reads).toHaveLength(1);
    // these arrive while read 1 runs: they must wait for read 2
    const late = Array.from({ length: 10 }, () => read());
    reads[0]!.resolve(1);
    expect(await first).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(reads).toHaveLength(2);
    reads[1]!.resolve(2);
    expect(await Promise.all(late)).toEqual(Array(10).fill(2));
    expect(reads).toHaveLength(2);
  });

  it('reads again for a caller that arrives after the previous read ended', async () => {
    let n = 0;
    const read = coalescedRead(async () => ++n);
    expect(await read()).toBe(1);
    expect(await read()).toBe(2);
  });

  it('passes a failed read to its callers and reads again afterwards', async () => {
    let fail = true;
    const read = coalescedRead(async () => {
      if (fail) throw new Error('connection refused');
      return 'ok';
    });
    await expect(read()).rejects.toThrow('connection refused');
    fail = false;
    expect(await read()).toBe('ok');
  });
});
