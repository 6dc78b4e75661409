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

  it('maps last-90d to the 90 UTC days ending with today', () => {
    // today (UTC) is 2026-03-31: Jan (31) + Feb (28) + Mar (31) = 90 days
    expect(periodRange('last-90d', now)).toEqual({ from: '2026-01-01', to: '2026-04-01', kind: 'rolling' });
    expect(periodRange('last-1d', now)).toEqual({ from: '2026-03-31', to: '2026-04-01', kind: 'rolling' });
    // a time just after midnight UTC belongs to the new day, whatever the local zone
    expect(periodRange('last-7d', new Date('2026-04-01T00:00:01Z'))).toEqual({
      from: '2026-03-26',
      to: '2026-04-02',
      kind: 'rolling',
    });
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
    expect(() => periodRange('2026-7', now)).toThrow(/YYYY-Qn.*YYYY-MM.*last-90d/);
    expect(() => periodRange('last-90d', new Date('nope'))).toThrow(/not a valid date/);
  });
});
