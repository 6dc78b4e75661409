import { describe, expect, it } from 'vitest';
import { leaderMetrics } from './leader-metrics';
import { counts } from './testing/test-counts';

describe('leaderMetrics', () => {
  const coach = {
    up: counts(16, 4, 3, 12), // push share 0.8, proactivity 12/16 = 0.75
    down: counts(10, 10, 6), // push share 0.5, pull share 0.5
    peer: counts(3, 1), // volume 4: not enough data
    external: counts(2, 8), // push share 0.2, pull share 0.8
    broadcast: counts(5, 0),
  };

  it('computes every ratio with its volume', () => {
    const m = leaderMetrics(coach);
    expect(m.pushShare).toEqual({
      up: 0.8,
      down: 0.5,
      peer: null,
      lateral: null,
      external: 0.2,
      unknown: null,
      broadcast: 1,
      none: null,
    });
    expect(m.volume).toEqual({
      up: 20,
      down: 20,
      peer: 4,
      lateral: 0,
      external: 10,
      unknown: 0,
      broadcast: 5,
      none: 0,
    });
    expect(m.upwardProactivity).toBe(0.75);
    expect(m.downwardPullShare).toBe(0.5);
    expect(m.externalPullShare).toBe(0.8);
    expect(m.pushOnly).toBe(false);
    expect(m.bands).toEqual({
      up: 'in band',
      down: 'in band',
      peer: 'not enough data',
      external: 'too pully',
    });
    expect(m.minVolume).toBe(5);
  });

  it('flags a directive crutch', () => {
    const m = leaderMetrics({ up: counts(10, 0), down: counts(40, 2), peer: counts(12, 1) });
    expect(m.pushShare.down).toBeCloseTo(40 / 42, 12);
    expect(m.pushOnly).toBe(true);
    expect(m.bands).toEqual({
      up: 'too pushy',
      down: 'too pushy',
      peer: 'too pushy',
      external: 'not enough data',
    });
    expect(m.downwardPullShare).toBeCloseTo(2 / 42, 12);
  });

  it('honours a custom minimum volume and bands', () => {
    const m = leaderMetrics(coach, { minVolume: 4, bands: { peer: [0.7, 0.8] } });
    expect(m.pushShare.peer).toBe(0.75);
    expect(m.bands.peer).toBe('in band');
    expect(m.bands.down).toBe('in band'); // default band kept
    const strict = leaderMetrics(coach, { minVolume: 21 });
    expect(strict.upwardProactivity).toBeNull();
    expect(strict.downwardPullShare).toBeNull();
    expect(strict.bands.up).toBe('not enough data');
  });

  it('has no numbers at all without data', () => {
    const m = leaderMetrics({});
    expect(Object.values(m.pushShare).every((v) => v === null)).toBe(true);
    expect(m.upwardProactivity).toBeNull();
    expect(m.pushOnly).toBe(false);
    expect(new Set(Object.values(m.bands))).toEqual(new Set(['not enough data']));
  });
});
