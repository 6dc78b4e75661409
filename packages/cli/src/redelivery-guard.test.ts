import type { Batch } from '@pushpull/bus';
import { describe, expect, it } from 'vitest';
import { RedeliveryGuard } from './redelivery-guard';

function batch(partition: number, offsets: number[]): Batch {
  return {
    topic: 't',
    partition,
    messages: offsets.map((o) => ({
      topic: 't',
      partition,
      offset: String(o),
      key: null,
      value: Buffer.from(String(o)),
      headers: {},
    })),
  };
}

describe('RedeliveryGuard', () => {
  it('passes a partition’s first batch whole and drops what is delivered again after it', () => {
    const guard = new RedeliveryGuard();
    const first = batch(0, [0, 1, 2, 3]);
    expect(guard.fresh(first)).toEqual(first);
    guard.handled(first);
    // a rebalance: the partition is delivered again from offset 2 (the last commit), with more after
    const again = batch(0, [2, 3, 4, 5]);
    const fresh = guard.fresh(again);
    expect(fresh.messages.map((m) => m.offset)).toEqual(['4', '5']);
    expect(guard.skipped).toBe(2);
    expect(guard.results(again, fresh, [{ kind: 'ok' }, { kind: 'drop', reason: 'x' }])).toEqual([
      { kind: 'ok' },
      { kind: 'ok' },
      { kind: 'ok' },
      { kind: 'drop', reason: 'x' },
    ]);
  });

  it('keeps partitions apart and never moves back', () => {
    const guard = new RedeliveryGuard();
    guard.handled(batch(0, [10, 11]));
    expect(guard.fresh(batch(1, [0, 1])).messages).toHaveLength(2);
    guard.handled(batch(0, [3]));
    expect(guard.fresh(batch(0, [11, 12])).messages.map((m) => m.offset)).toEqual(['12']);
    expect(guard.fresh(batch(0, [5, 6])).messages).toEqual([]);
  });
});
