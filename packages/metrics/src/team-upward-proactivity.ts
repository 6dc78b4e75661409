import type { DirectionCounts } from './direction-counts';
import { median } from './median';
import { DEFAULT_MIN_VOLUME } from './push-share';
import { upwardProactivity } from './upward-proactivity';

/** The default number of direct reports with enough data that a team figure needs. */
export const DEFAULT_MIN_REPORTS = 1;

/**
 * Team culture: the median upward proactivity of a leader's direct reports (each report's own figure,
 * null below `minVolume` pushes up, is left out). Null ("not enough data") when fewer than
 * `minReports` reports have a figure. Who may see a team figure (minimum group size) is decided where
 * it is shown, not here.
 *
 * @example
 * const up = (push: number, proactive: number) => ({ up: { push, pull: 0, neutral: 0, proactivePush: proactive, responsivePush: push - proactive } });
 * teamUpwardProactivity([up(10, 8), up(10, 5), up(10, 2), up(2, 2)]) // 0.5: the last report has too little volume
 */
export function teamUpwardProactivity(
  reports: readonly DirectionCounts[],
  minVolume: number = DEFAULT_MIN_VOLUME,
  minReports: number = DEFAULT_MIN_REPORTS,
): number | null {
  const values = reports.flatMap((counts) => {
    const value = upwardProactivity(counts, minVolume);
    return value === null ? [] : [value];
  });
  if (values.length === 0 || values.length < minReports) return null;
  return median(values);
}
