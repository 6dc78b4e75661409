import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_GROUP_SIZE, groupWithheld, teamWithheld } from './min-group-size';

describe('groupWithheld', () => {
  it('withholds a group figure from fewer than 5 people with data, however large the group', () => {
    expect(DEFAULT_MIN_GROUP_SIZE).toBe(5);
    expect(groupWithheld({ withData: 0 })).toBe('fewer than 5 people with data');
    expect(groupWithheld({ withData: 4 })).toBe('fewer than 5 people with data');
    expect(groupWithheld({ withData: 5 })).toBeNull();
    expect(groupWithheld({ withData: 2 }, 3)).toBe('fewer than 3 people with data');
    expect(groupWithheld({ withData: 1 }, 1)).toBeNull();
  });

  it('withholds it when 1 to 4 people with data are not shown on their own (subtraction would isolate them)', () => {
    expect(groupWithheld({ withData: 6, shownAlone: 5 })).toMatch(/besides the sub-leaders/);
    expect(groupWithheld({ withData: 9, shownAlone: 5 })).toMatch(/besides the sub-leaders/);
    expect(groupWithheld({ withData: 10, shownAlone: 5 })).toBeNull();
    expect(groupWithheld({ withData: 5, shownAlone: 5 })).toBeNull(); // nothing left to isolate
  });

  it('counts the sub-leaders among the reports with data only', () => {
    const alone = [true, true, true, true, true, false, false];
    expect(teamWithheld([0, 1, 2, 3, 4, 5], { reportsShownAlone: alone })).toMatch(/besides/);
    expect(teamWithheld([0, 1, 2, 3, 4], { reportsShownAlone: alone })).toBeNull();
    expect(teamWithheld([0, 1, 5, 6], { reportsShownAlone: alone, minGroupSize: 1 })).toBeNull();
  });
});
