import type { DirectionCounts } from './direction-counts';
import { median } from './median';
import { type TeamGroupRule, teamWithheld } from './min-group-size';
import { DEFAULT_MIN_VOLUME } from './push-share';
import { upwardProactivity } from './upward-proactivity';

/**
 * Team culture: the median upward proactivity of a leader's direct reports (each report's own figure,
 * null below `minVolume` pushes up, is left out). Null ("not enough data") when no report has a
 * figure, and null (withheld) when the reports with a figure break the group rule (`groupWithheld`:
 * fewer than the minimum group size, default 5, or too few besides the sub-leaders shown on their own).
 *
 * @example
 * const up = (push: number, proactive: number) => ({ up: { push, pull: 0, neutral: 0, proactivePush: proactive, responsivePush: push - proactive } });
 * teamUpwardProactivity([up(10, 8), up(10, 5), up(10, 2), up(2, 2)], 5, { minGroupSize: 3 }) // 0.5: the last report has too little volume
 */
export function teamUpwardProactivity(
  reports: readonly DirectionCounts[],
  minVolume: number = DEFAULT_MIN_VOLUME,
  group: TeamGroupRule = {},
): number | null {
  const withData: number[] = [];
  const values = reports.flatMap((counts, i) => {
    const value = upwardProactivity(counts, minVolume);
    if (value === null) return [];
    withData.push(i);
    return [value];
  });
  if (values.length === 0 || teamWithheld(withData, group) !== null) return null;
  return median(values);
}
