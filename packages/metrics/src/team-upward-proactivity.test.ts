import { describe, expect, it } from 'vitest';
import { leaderMetrics } from './leader-metrics';
import { teamUpwardProactivity } from './team-upward-proactivity';
import { counts } from './testing/test-counts';

describe('teamUpwardProactivity', () => {
  // Reports' upward proactivity: 8/10 = 0.8, 6/8 = 0.75, 1/5 = 0.2, and 3/3 (too little volume).
  const reports = [
    { up: counts(10, 2, 0, 8) },
    { up: counts(8, 0, 1, 6), down: counts(30, 0) },
    { up: counts(5, 5, 5, 1) },
    { up: counts(3, 0, 0, 3) },
  ];

  it('is the median of the reports that have enough pushes up', () => {
    expect(teamUpwardProactivity(reports)).toBe(0.75);
    expect(teamUpwardProactivity(reports.slice(0, 2))).toBeCloseTo(0.775);
    // With a minimum volume of 3, the fourth report (1.0) counts too: median of 0.2, 0.75, 0.8, 1 = 0.775.
    expect(teamUpwardProactivity(reports, 3)).toBeCloseTo(0.775);
  });

  it('is "not enough data" without reports with data, or below the minimum number of reports', () => {
    expect(teamUpwardProactivity([])).toBeNull();
    expect(teamUpwardProactivity([{ up: counts(3, 0) }, {}])).toBeNull();
    expect(teamUpwardProactivity(reports, 5, 4)).toBeNull();
    expect(teamUpwardProactivity(reports, 5, 3)).toBe(0.75);
  });

  it('is part of leaderMetrics when the reports are given', () => {
    expect(leaderMetrics({}).teamUpwardProactivity).toBeNull();
    expect(leaderMetrics({}, { reports }).teamUpwardProactivity).toBe(0.75);
  });
});
