import { describe, expect, it } from 'vitest';
import type { ModeCounts } from './direction-counts';
import { labelCorrection } from './label-correction';
import { leaderEstimates, type SourceDirectionCounts, totalOverSources } from './leader-estimates';
import { leaderMetrics } from './leader-metrics';

const c = (
  push: number,
  pull: number,
  neutral = 0,
  proactivePush = push,
  responsivePush = 0,
): ModeCounts => ({
  push,
  pull,
  neutral,
  proactivePush,
  responsivePush,
});

describe('leaderEstimates', () => {
  it('without corrections agrees with the raw leader metrics wherever both give a figure', () => {
    const bySource: SourceDirectionCounts = {
      slack: { up: c(30, 10, 2, 20, 10), down: c(10, 90), external: c(12, 12) },
      github: { up: c(10, 0, 0, 4, 6), down: c(5, 5), peer: c(3, 1) },
    };
    const e = leaderEstimates(bySource, { maxIntervalWidth: 1 });
    const m = leaderMetrics(totalOverSources(bySource));
    expect(e.pushShare.up.corrected).toBeCloseTo(m.pushShare.up ?? Number.NaN, 12);
    expect(e.pushShare.down.corrected).toBeCloseTo(m.pushShare.down ?? Number.NaN, 12);
    expect(e.downwardPullShare.corrected).toBeCloseTo(m.downwardPullShare ?? Number.NaN, 12);
    expect(e.externalPullShare.corrected).toBeCloseTo(m.externalPullShare ?? Number.NaN, 12);
    expect(e.upwardProactivity.corrected).toBeCloseTo(m.upwardProactivity ?? Number.NaN, 12);
    expect(e.pushShare.peer.volume).toBe(4);
    expect(e.bands.peer).toBe('not enough data');
    expect(e.bands.down).toBe('too pully');
  });
  it('corrects each source with its own confusion', () => {
    // Slack's classifier calls a fifth of pushes pull; GitHub's labels right.
    const slack = labelCorrection({
      labels: ['push', 'pull', 'neutral'],
      counts: [
        [800, 200, 0],
        [0, 1000, 0],
        [0, 0, 1000],
      ],
    });
    const initiative = labelCorrection({
      labels: ['responsive', 'proactive'],
      counts: [
        [1000, 0],
        [0, 1000],
      ],
    });
    const e = leaderEstimates(
      { slack: { down: c(40, 60) }, github: { down: c(50, 50) } },
      { corrections: { slack: { mode: slack, initiative } } },
    );
    // Slack true pushes ≈ 40 / 0.8 = 50, pulls ≈ 50: the down share is about (50 + 50) / 200
    expect(e.pushShare.down.raw).toBeCloseTo(0.45, 6);
    expect(e.pushShare.down.corrected).toBeCloseTo(0.5, 1);
  });
  it('gives the team the median of its rated reports, with the medians of their interval ends', () => {
    const report = (push: number, proactive: number): SourceDirectionCounts => ({
      slack: { up: c(push, 0, 0, proactive, push - proactive) },
    });
    const reports = [report(100, 80), report(100, 50), report(100, 20), report(3, 3)];
    const e = leaderEstimates({}, { reports, minGroupSize: 3 });
    expect(e.team.membersWithData).toBe(3);
    expect(e.team.withheld).toBeNull();
    expect(e.team.value).toBeCloseTo(0.5, 6);
    expect(e.team.low).toBeLessThan(0.5);
    expect(e.team.high).toBeGreaterThan(0.5);
    // by default a team figure needs 5 reports with data (issue 14, finding 9)
    const withheld = leaderEstimates({}, { reports }).team;
    expect(withheld).toEqual({
      value: null,
      low: null,
      high: null,
      membersWithData: 3,
      withheld: 'fewer than 5 people with data',
    });
  });
  it('flags push-only only with two or more rated directions all above the threshold', () => {
    expect(leaderEstimates({ slack: { up: c(200, 2), down: c(300, 3) } }).pushOnly).toBe(true);
    expect(leaderEstimates({ slack: { up: c(200, 2) } }).pushOnly).toBe(false);
    expect(leaderEstimates({ slack: { up: c(200, 2), down: c(200, 100) } }).pushOnly).toBe(false);
  });
});
