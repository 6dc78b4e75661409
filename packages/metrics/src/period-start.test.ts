import { describe, expect, it } from 'vitest';
import { periodStart } from './period-start';

describe('periodStart', () => {
  it('finds the Monday of the ISO week', () => {
    expect(periodStart('week', '2026-07-16T09:00:00Z')).toBe('2026-07-13'); // Thursday → Monday
    expect(periodStart('week', '2026-07-13')).toBe('2026-07-13'); // a Monday is its own start
    expect(periodStart('week', '2026-07-19T23:59:59Z')).toBe('2026-07-13'); // Sunday → previous Monday
    expect(periodStart('week', new Date('2026-01-01T12:00:00Z'))).toBe('2025-12-29'); // across a year
  });

  it('finds the first day of the month and quarter', () => {
    expect(periodStart('month', '2026-02-28T10:00:00Z')).toBe('2026-02-01');
    expect(periodStart('quarter', '2026-08-31')).toBe('2026-07-01');
    expect(periodStart('quarter', '2026-12-31T23:00:00Z')).toBe('2026-10-01');
    expect(periodStart('quarter', '2026-01-01')).toBe('2026-01-01');
  });

  it('uses UTC, not the local zone, and refuses a non-date', () => {
    expect(periodStart('month', '2026-03-01T00:30:00+02:00')).toBe('2026-02-01');
    expect(() => periodStart('month', 'soon')).toThrow(/not a date/);
  });
});
