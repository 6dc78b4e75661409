import { describe, expect, it } from 'vitest';
import { groupSourceCounts, sumSourceCounts } from './source-counts';
import { counts } from './testing/test-counts';

describe('groupSourceCounts and sumSourceCounts', () => {
  it('groups rows by person, week and source, adding up repeats, and sums weeks per source', () => {
    const grouped = groupSourceCounts([
      { personId: 'a', source: 'slack', week: '2026-07-06', counts: { up: counts(2, 1) } },
      {
        personId: 'a',
        source: 'slack',
        week: '2026-07-06',
        counts: { up: counts(1, 0), down: counts(0, 3) },
      },
      { personId: 'a', source: 'github', week: '2026-07-13', counts: { up: counts(4, 0, 1, 2) } },
      { personId: 'b', source: 'slack', week: null, counts: { peer: counts(1, 1) } },
    ]);
    expect(grouped.get('a')?.get('2026-07-06')).toEqual({ slack: { up: counts(3, 1), down: counts(0, 3) } });
    expect(grouped.get('b')?.get('')).toEqual({ slack: { peer: counts(1, 1) } });
    expect(sumSourceCounts(grouped.get('a')?.values() ?? [])).toEqual({
      slack: { up: counts(3, 1), down: counts(0, 3) },
      github: { up: counts(4, 0, 1, 2) },
    });
    expect(sumSourceCounts([])).toEqual({});
  });
});
