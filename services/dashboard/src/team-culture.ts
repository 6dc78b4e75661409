// Types only, and no imports: the browser bundle (web/src) reads this file too.

/**
 * Team culture: the median of the direct reports' corrected upward proactivity (those with a rated
 * figure), with the medians of their intervals, and its weekly trend.
 */
export type TeamCulture =
  | {
      shown: true;
      members: number;
      /** Reports with enough pushes up to have an upward proactivity. */
      membersWithData: number;
      median: number | null;
      /** The median of the rated reports' interval ends: an approximate 90% interval of the median. */
      low: number | null;
      high: number | null;
      /** How sure the median is, in plain words. */
      certainty: string;
      trend: {
        week: string;
        median: number | null;
        low: number | null;
        high: number | null;
        membersWithData: number;
      }[];
    }
  | { shown: false; members: number; reason: string };
