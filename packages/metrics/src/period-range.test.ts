import { isPushpullError } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { periodRange } from './period-range';

const now = new Date('2026-03-31T22:30:00Z');

describe('periodRange', () => {
  it('maps quarters to their first day and the next quarter’s first day', () => {
    expect(periodRange('2026-Q1', now)).toEqual({ from: '2026-01-01', to: '2026-04-01', kind: 'quarter' });
    expect(periodRange('2026-Q3', now)).toEqual({ from: '2026-07-01', to: '2026-10-01', kind: 'quarter' });
    expect(periodRange('2025-Q4', now)).toEqual({ from: '2025-10-01', to: '2026-01-01', kind: 'quarter' });
    expect(periodRange('2026-q2', now)).toEqual({ from: '2026-04-01', to: '2026-07-01', kind: 'quarter' });
  });

  it('maps months, including February of a leap year and December', () => {
    expect(periodRange('2024-02', now)).toEqual({ from: '2024-02-01', to: '2024-03-01', kind: 'month' });
    expect(periodRange('2025-12', now)).toEqual({ from: '2025-12-01', to: '2026-01-01', kind: 'month' });
    expect(periodRange(' 2026-07 ', now)).toEqual({ from: '2026-07-01', to: '2026-08-01', kind: 'month' });
  });

  it('maps ISO weeks, Monday to Sunday, W01 holding 4 January', () => {
    expect(periodRange('2026-W01', now)).toEqual({ from: '2025-12-29', to: '2026-01-05', kind: 'week' });
    expect(periodRange('2026-w27', now)).toEqual({ from: '2026-06-29', to: '2026-07-06', kind: 'week' });
    // 2026 starts on a Thursday: it has 53 ISO weeks; 2025 has 52
    expect(periodRange('2026-W53', now)).toEqual({ from: '2026-12-28', to: '2027-01-04', kind: 'week' });
    expect(() => periodRange('2025-W53', now)).toThrow(/2025 has ISO weeks W01 to W52/);
    expect(() => periodRange('2026-W00', now)).toThrow(/W01 to W53/);
  });

  it('maps last-30d, last-90d and last-365d to the N UTC days ending with today', () => {
    // today (UTC) is 2026-03-31: Jan (31) + Feb (28) + Mar (31) = 90 days
    expect(periodRange('last-90d', now)).toEqual({ from: '2026-01-01', to: '2026-04-01', kind: 'rolling' });
    expect(periodRange('last-365d', now)).toEqual({ from: '2025-04-01', to: '2026-04-01', kind: 'rolling' });
    // a time just after midnight UTC belongs to the new day, whatever the local zone
    expect(periodRange('last-30d', new Date('2026-04-01T00:00:01Z'))).toEqual({
      from: '2026-03-03',
      to: '2026-04-02',
      kind: 'rolling',
    });
  });

  it('refuses every other last-Nd, naming the presets (issue 14, finding 2: no ranges to difference)', () => {
    for (const bad of ['last-1d', 'last-7d', 'last-67d', 'last-97d', 'last-89d', 'last-3660d']) {
      expect(() => periodRange(bad, now), bad).toThrow(
        /not one of the presets: use YYYY-Qn .*YYYY-MM .*YYYY-Www .*last-30d, last-90d or last-365d/,
      );
    }
  });

  it('refuses malformed periods with a clear PushpullError', () => {
    for (const bad of [
      '2026-Q5',
      '2026-Q0',
      '2026-13',
      '2026-00',
      '26-Q1',
      'Q1-2026',
      'last-0d',
      'last-90',
      '',
      'last quarter',
    ]) {
      try {
        periodRange(bad, now);
        expect.unreachable(bad);
      } catch (err) {
        expect(isPushpullError(err, 'PERIOD_INVALID'), bad).toBe(true);
        expect((err as Error).message).toContain(`"${bad}"`);
      }
    }
    expect(() => periodRange('2026-7', now)).toThrow(/YYYY-Qn.*YYYY-MM.*YYYY-Www.*last-90d/);
    expect(() => periodRange('last-90d', new Date('nope'))).toThrow(/not a valid date/);
  });
});
