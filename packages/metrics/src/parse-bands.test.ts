import { isPushpullError } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { band, DEFAULT_BANDS } from './band';
import { leaderMetrics } from './leader-metrics';
import { parseBands, resolveBands } from './parse-bands';
import { counts } from './testing/test-counts';

describe('configurable bands', () => {
  it('parses direction=low-high pairs and keeps the defaults elsewhere', () => {
    const bands = parseBands(' down=0.2-0.5, external=0.25-0.55 ');
    expect(bands).toEqual({ ...DEFAULT_BANDS, down: [0.2, 0.5], external: [0.25, 0.55] });
    expect(parseBands('')).toEqual(DEFAULT_BANDS);
    // A down push share of 0.55 is in the default band but too pushy against 0.2–0.5.
    expect(band(0.55, DEFAULT_BANDS.down)).toBe('in band');
    expect(band(0.55, bands.down)).toBe('too pushy');
  });

  it('refuses a malformed or impossible band, naming it', () => {
    for (const [text, named] of [
      ['down=0.6-0.3', 'down'],
      ['sideways=0.1-0.2', 'sideways'],
      ['up=0.6-1.2', 'up'],
      ['up:0.6-0.9', 'up:0.6-0.9'],
    ] as const) {
      let err: unknown;
      try {
        parseBands(text);
      } catch (e) {
        err = e;
      }
      expect(isPushpullError(err, 'BANDS_INVALID'), text).toBe(true);
      expect((err as Error).message).toContain(named);
    }
    expect(() => resolveBands({ peer: [Number.NaN, 0.5] })).toThrow(/band peer/);
  });

  it('drive the balance profile of leaderMetrics', () => {
    const c = { down: counts(11, 9) }; // push share 0.55
    expect(leaderMetrics(c).bands.down).toBe('in band');
    expect(leaderMetrics(c, { bands: parseBands('down=0.2-0.5') }).bands.down).toBe('too pushy');
    expect(() => leaderMetrics(c, { bands: { down: [0.7, 0.1] } })).toThrow(/BANDS|band down/);
  });
});
