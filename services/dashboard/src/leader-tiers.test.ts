import { intervalsOverlap } from '@pushpull/metrics';
import { describe, expect, it } from 'vitest';
import { tiers } from './leader-tiers';

const iv = (id: string, low: number | null, high: number | null) => ({ id, low, high });

describe('tiers', () => {
  it('chains overlapping intervals into one tier and separates the rest, highest first', () => {
    const t = tiers(
      [iv('c', 0.1, 0.3), iv('a', 0.7, 0.9), iv('b', 0.6, 0.8), iv('d', 0.25, 0.5), iv('x', null, null)],
      (x) => x,
    );
    expect(t.map((x) => x.members.map((m) => m.id))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(t[0]).toMatchObject({ tier: 1, low: 0.6, high: 0.9 });
    expect(t[1]).toMatchObject({ tier: 2, low: 0.1, high: 0.5 });
  });

  it('keeps the input order inside a tier, not the order of the values', () => {
    const t = tiers([iv('low', 0.1, 0.5), iv('high', 0.3, 0.9)], (x) => x);
    expect(t).toHaveLength(1);
    expect(t[0]!.members.map((m) => m.id)).toEqual(['low', 'high']);
  });

  it('never puts two overlapping intervals in different tiers (random intervals)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < 200; run++) {
      const items = Array.from({ length: 2 + Math.floor(random() * 12) }, (_, i) => {
        const a = random();
        const b = Math.min(1, a + random() * 0.3);
        return iv(String(i), a, b);
      });
      const t = tiers(items, (x) => x);
      expect(t.flatMap((x) => x.members)).toHaveLength(items.length);
      for (let i = 0; i < t.length; i++) {
        for (let j = i + 1; j < t.length; j++) {
          for (const a of t[i]!.members) {
            for (const b of t[j]!.members) {
              expect(intervalsOverlap(a, b)).toBe(false);
              expect(a.low!).toBeGreaterThan(b.high!);
            }
          }
        }
      }
    }
  });
});
