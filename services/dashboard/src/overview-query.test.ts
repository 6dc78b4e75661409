import { describe, expect, it } from 'vitest';
import { parseOverviewQuery } from './overview-query';

describe('parseOverviewQuery', () => {
  it('reads a department and a level', () => {
    expect(parseOverviewQuery({ department: 'Sales', level: '2' })).toEqual({
      ok: true,
      filters: { department: 'Sales', level: 2 },
    });
  });

  it('takes absent or empty parameters as "no filter"', () => {
    expect(parseOverviewQuery({})).toEqual({ ok: true, filters: { department: null, level: null } });
    expect(parseOverviewQuery({ department: '', level: '' })).toEqual({
      ok: true,
      filters: { department: null, level: null },
    });
  });

  it.each(['-1', '1.5', '1e1', ' 2', 'top', '1000'])('refuses level=%j naming the parameter', (level) => {
    const parsed = parseOverviewQuery({ level });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.parameter).toBe('level');
      expect(parsed.message).toMatch(/^level: a whole number/);
    }
  });

  it('refuses an overlong or padded department naming the parameter', () => {
    for (const department of ['x'.repeat(201), ' Sales']) {
      const parsed = parseOverviewQuery({ department });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/^department: /);
    }
  });
});
