import { describe, expect, it } from 'vitest';
import type { SourceDirectionCounts } from './leader-estimates';
import { leaderProfile } from './leader-profile';
import { counts } from './testing/test-counts';

describe('leaderProfile', () => {
  const own = {
    slack: { up: counts(12, 2, 0, 9), down: counts(20, 30) },
    outlook: { up: counts(4, 2, 1, 1), external: counts(9, 1) },
  };
  const reports: SourceDirectionCounts[] = [
    { slack: { up: counts(10, 0, 0, 7) } }, // 0.7
    { github: { up: counts(6, 0, 0, 3) }, slack: { up: counts(4, 0, 0, 1) } }, // 0.4 over both sources
    { slack: { up: counts(3, 0, 0, 3) } }, // too little volume
  ];

  it('sums the sources for the figures as labelled, team included', () => {
    const p = leaderProfile(own, reports, { minGroupSize: 2 });
    expect(p.counts.up).toEqual(counts(16, 4, 1, 10));
    expect(p.raw.upwardProactivity).toBe(10 / 16);
    expect(p.raw.downwardPullShare).toBe(0.6);
    expect(p.raw.externalPullShare).toBeCloseTo(0.1, 12);
    expect(p.raw.teamUpwardProactivity).toBeCloseTo(0.55, 12);
    expect(p.raw.bands.down).toBe('in band'); // 0.4 in 0.3–0.6
    // 2 reports with data: below the default minimum group size of 5
    expect(leaderProfile(own, reports).raw.teamUpwardProactivity).toBeNull();
  });

  it('corrects per source with intervals, and rates with the settings', () => {
    const loose = leaderProfile(own, reports, { minVolume: 1, maxIntervalWidth: 1, minGroupSize: 3 });
    expect(loose.corrected.upwardProactivity.corrected).toBeCloseTo(10 / 16, 12); // no corrections: identity
    expect(loose.corrected.team.membersWithData).toBe(3);
    expect(loose.corrected.team.value).toBeCloseTo(0.7, 12); // median of 0.7, 0.4 and 1
    const strict = leaderProfile(own, reports);
    expect(strict.corrected.rule).toEqual({ minVolume: 5, maxIntervalWidth: 0.3 });
    expect(strict.corrected.team.value).toBeNull(); // 10 pushes give intervals wider than 0.30
    expect(strict.raw.minVolume).toBe(5);
  });

  it('passes the bands to both', () => {
    const p = leaderProfile(own, [], { minVolume: 1, maxIntervalWidth: 1, bands: { down: [0.6, 0.9] } });
    expect(p.raw.bands.down).toBe('too pully');
    expect(p.corrected.bands.down).toBe('too pully'); // 0.4 with an interval below 0.6
    expect(p.raw.teamUpwardProactivity).toBeNull();
  });
});
