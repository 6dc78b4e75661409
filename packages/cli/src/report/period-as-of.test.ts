import { describe, expect, it } from 'vitest';
import { periodAsOf } from './period-as-of';

describe('periodAsOf', () => {
  it('is the last day of a past period and today inside a running one', () => {
    expect(periodAsOf({ to: '2026-10-01' }, new Date('2026-12-07T10:00:00Z'))).toBe('2026-09-30');
    expect(periodAsOf({ to: '2027-01-01' }, new Date('2026-12-07T10:00:00Z'))).toBe('2026-12-07');
    expect(periodAsOf({ to: '2026-12-08' }, new Date('2026-12-07T23:59:59Z'))).toBe('2026-12-07');
  });
});
