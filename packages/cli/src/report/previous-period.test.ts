import { periodRange } from '@pushpull/metrics';
import { describe, expect, it } from 'vitest';
import { previousPeriod } from './previous-period';

const now = new Date('2026-10-15T12:00:00Z');

describe('previousPeriod', () => {
  it('is the previous quarter, across a year', () => {
    expect(previousPeriod('2026-Q3', now)).toEqual({ period: '2026-Q2', now, label: '2026-Q2' });
    expect(previousPeriod('2026-q1', now).label).toBe('2025-Q4');
  });

  it('is the previous month, across a year', () => {
    expect(previousPeriod('2026-03', now).label).toBe('2026-02');
    expect(previousPeriod('2026-01', now).label).toBe('2025-12');
  });

  it('is the previous ISO week, across a year', () => {
    expect(previousPeriod('2026-W27', now).label).toBe('2026-W26');
    expect(previousPeriod('2026-W01', now).label).toBe('2025-W52');
    expect(previousPeriod('2027-W01', now).label).toBe('2026-W53');
  });

  it('is the same number of days just before a rolling period', () => {
    const prev = previousPeriod('last-90d', now);
    expect(prev.label).toBe('previous 90 days');
    expect(periodRange(prev.period, prev.now).to).toBe(periodRange('last-90d', now).from);
  });

  it('refuses a period that is not valid', () => {
    expect(() => previousPeriod('2026-Q7', now)).toThrow(/is not one of the presets/);
  });
});
