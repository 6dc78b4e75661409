/**
 * The minimum group size (PRODUCT.md: default 5): a group figure — a team median, a team's summed counts or
 * ratios — is shown to anyone but an admin only when at least this many people contributed data to it.
 */
export const DEFAULT_MIN_GROUP_SIZE = 5;

/** Who a group figure is computed from. */
export interface GroupContributors {
  /** People of the group with data for the figure (e.g. a rated upward proactivity, events in the direction). */
  withData: number;
  /**
   * How many of those are also shown one by one elsewhere (sub-leaders: every leader's own figures are
   * listed), so that subtracting them from the group figure leaves the others.
   */
  shownAlone?: number;
}

/**
 * The one rule of group figures (issue 14, findings 2 and 9): why a group figure must be withheld, or
 * null when it may be shown. Withheld when fewer than `minGroupSize` people have data for it, or when the
 * people with data besides those shown on their own are more than none but fewer than `minGroupSize`
 * (the group figure minus its sub-leaders' would isolate them). The analytics views apply the same rule
 * in SQL (migration 0008); a contract test holds them equal.
 *
 * @example
 * groupWithheld({ withData: 2 })                 // 'fewer than 5 people with data'
 * groupWithheld({ withData: 6, shownAlone: 5 })  // 'fewer than 5 people with data besides the sub-leaders shown on their own'
 * groupWithheld({ withData: 10, shownAlone: 5 }) // null
 */
export function groupWithheld(
  contributors: GroupContributors,
  minGroupSize: number = DEFAULT_MIN_GROUP_SIZE,
): string | null {
  const { withData } = contributors;
  if (withData < minGroupSize) return `fewer than ${minGroupSize} people with data`;
  const rest = withData - Math.min(withData, contributors.shownAlone ?? 0);
  if (rest > 0 && rest < minGroupSize) {
    return `fewer than ${minGroupSize} people with data besides the sub-leaders shown on their own`;
  }
  return null;
}

/** How a team figure (over a leader's direct reports) is judged by `groupWithheld`. */
export interface TeamGroupRule {
  /** Default DEFAULT_MIN_GROUP_SIZE; 1 shows every team figure (admins). */
  minGroupSize?: number;
  /** Per report (same order as the reports): true when that report's own figures are shown (a sub-leader). */
  reportsShownAlone?: readonly boolean[];
}

/**
 * `groupWithheld` of the reports at `withData` (indices into the reports), under a team rule.
 *
 * @example teamWithheld([0, 2], { reportsShownAlone: [true, false, false] }) // 'fewer than 5 people with data'
 */
export function teamWithheld(withData: readonly number[], rule: TeamGroupRule = {}): string | null {
  const shownAlone = withData.filter((i) => rule.reportsShownAlone?.[i] === true).length;
  return groupWithheld({ withData: withData.length, shownAlone }, rule.minGroupSize);
}
