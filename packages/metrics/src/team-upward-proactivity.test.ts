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

  const any = { minGroupSize: 1 };

  it('is the median of the reports that have enough pushes up', () => {
    expect(teamUpwardProactivity(reports, 5, any)).toBe(0.75);
    expect(teamUpwardProactivity(reports.slice(0, 2), 5, any)).toBeCloseTo(0.775);
    // With a minimum volume of 3, the fourth report (1.0) counts too: median of 0.2, 0.75, 0.8, 1 = 0.775.
    expect(teamUpwardProactivity(reports, 3, any)).toBeCloseTo(0.775);
  });

  it('is "not enough data" without reports with data, or below the minimum group size of people with data', () => {
    expect(teamUpwardProactivity([], 5, any)).toBeNull();
    expect(teamUpwardProactivity([{ up: counts(3, 0) }, {}], 5, any)).toBeNull();
    expect(teamUpwardProactivity(reports, 5, { minGroupSize: 4 })).toBeNull();
    expect(teamUpwardProactivity(reports, 5, { minGroupSize: 3 })).toBe(0.75);
    // the default minimum is 5 people with data: 3 here, however many reports there are (issue 14, finding 9)
    expect(teamUpwardProactivity([...reports, {}, {}, {}])).toBeNull();
    const five = [...reports.slice(0, 3), { up: counts(10, 0, 0, 5) }, { up: counts(10, 0, 0, 6) }];
    expect(teamUpwardProactivity(five)).toBe(0.6);
  });

  it('is withheld when the reports with data besides the sub-leaders are 1 to 4 (issue 14, finding 2)', () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ up: counts(10, 0, 0, i + 2) }));
    expect(teamUpwardProactivity(six)).toBeCloseTo(0.45);
    const shown = (n: number) => six.map((_, i) => i < n);
    expect(teamUpwardProactivity(six, 5, { reportsShownAlone: shown(5) })).toBeNull();
    expect(teamUpwardProactivity(six, 5, { reportsShownAlone: shown(2) })).toBeNull();
    expect(teamUpwardProactivity(six, 5, { reportsShownAlone: shown(1) })).toBeCloseTo(0.45);
    expect(teamUpwardProactivity(six, 5, { reportsShownAlone: shown(6) })).toBeCloseTo(0.45);
  });

  it('is part of leaderMetrics when the reports are given', () => {
    expect(leaderMetrics({}).teamUpwardProactivity).toBeNull();
    expect(leaderMetrics({}, { reports, minGroupSize: 3 }).teamUpwardProactivity).toBe(0.75);
    expect(leaderMetrics({}, { reports }).teamUpwardProactivity).toBeNull();
  });
});
