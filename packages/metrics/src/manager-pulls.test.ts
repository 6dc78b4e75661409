import { describe, expect, it } from 'vitest';
import { managerPullMetrics } from './manager-pulls';

const HOUR = 3_600_000;

describe('managerPullMetrics', () => {
  it('counts pulls received, answers, and the median response time', () => {
    // 7 pulls; 5 answered after 1 h, 30 min, 26 h, 2 h and 4 h → sorted 0.5, 1, 2, 4, 26 → median 2 h.
    const m = managerPullMetrics({
      pullsReceived: 7,
      responseTimesMs: [1 * HOUR, 0.5 * HOUR, 26 * HOUR, 2 * HOUR, 4 * HOUR],
    });
    expect(m).toEqual({ pullsReceived: 7, answered: 5, answeredShare: 5 / 7, medianResponseMs: 2 * HOUR });
  });

  it('says "not enough data" (null) below the minimum volume, separately for share and median', () => {
    const m = managerPullMetrics({ pullsReceived: 6, responseTimesMs: [HOUR, 3 * HOUR] });
    expect(m.answeredShare).toBeCloseTo(2 / 6);
    expect(m.medianResponseMs).toBeNull(); // 2 answers < 5
    expect(managerPullMetrics({ pullsReceived: 2, responseTimesMs: [HOUR, 3 * HOUR] }, 2)).toEqual({
      pullsReceived: 2,
      answered: 2,
      answeredShare: 1,
      medianResponseMs: 2 * HOUR,
    });
    expect(managerPullMetrics({ pullsReceived: 0, responseTimesMs: [] }, 0)).toEqual({
      pullsReceived: 0,
      answered: 0,
      answeredShare: null,
      medianResponseMs: null,
    });
  });
});
