import { describe, expect, it } from 'vitest';
import { createRng, hash32, hashString } from './rng';

describe('createRng', () => {
  it('replays the same sequence for the same seed and stream', () => {
    const a = createRng(42, 1);
    const b = createRng(42, 1);
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
  });

  it('gives different sequences for different seeds, streams and huge seeds', () => {
    const first = (seed: number, stream = 0) => createRng(seed, stream).next();
    expect(first(1)).not.toBe(first(2));
    expect(first(1, 1)).not.toBe(first(1, 2));
    expect(first(2 ** 40)).not.toBe(first(2 ** 40 + 2 ** 32));
  });

  it('draws in range and roughly uniformly', () => {
    const rng = createRng(7);
    const counts = [0, 0, 0, 0, 0, 0];
    let outside = 0;
    for (let i = 0; i < 60_000; i++) {
      const v = rng.int(1, 6);
      if (v < 1 || v > 6) outside++;
      else counts[v - 1]!++;
    }
    expect(outside).toBe(0);
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('picks by weight and never an index of weight zero', () => {
    const rng = createRng(3);
    const hits = [0, 0, 0];
    for (let i = 0; i < 10_000; i++) hits[rng.weighted([1, 0, 3])]!++;
    expect(hits[1]).toBe(0);
    expect(hits[2]! / hits[0]!).toBeGreaterThan(2.5);
    expect(hits[2]! / hits[0]!).toBeLessThan(3.5);
    expect(rng.weighted([0, 0])).toBe(-1);
  });

  it('shuffles into a permutation without touching the input', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = createRng(9).shuffle(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...out].sort()).toEqual(input);
    expect(out).not.toEqual(input);
  });

  it('hashes deterministically', () => {
    expect(hash32(1)).toBe(hash32(1));
    expect(hash32(1)).not.toBe(hash32(2));
    expect(hashString('D:U1:U2')).toBe(hashString('D:U1:U2'));
    expect(hashString('D:U1:U2')).not.toBe(hashString('D:U2:U1'));
  });
});
