// The shapes of the leader page, without imports: the browser bundle (web/src) reads this file too.

/** The four directions of the leader page (PRODUCT.md balance profile). */
export const PAGE_DIRECTIONS = ['up', 'down', 'peer', 'external'] as const;
export type PageDirection = (typeof PAGE_DIRECTIONS)[number];

/** One direction of the leader page. */
export interface DirectionFigures<Figure> {
  push: number;
  pull: number;
  neutral: number;
  /** push + pull: the volume behind the push share. */
  volume: number;
  /** The push share as shown: the corrected estimate when rated, else null ("not enough data"). */
  pushShare: number | null;
  /** Decided on the interval: "too pushy" only when the whole interval is above the band. */
  band: string;
  /** The estimate behind the push share: raw, corrected, 90% interval, volume, rated. */
  figure: Figure;
  /** How sure the push share is, in plain words. */
  certainty: string;
}

/** One week of the leader page's trend. */
export interface WeekFigures {
  week: string;
  directions: Record<
    PageDirection,
    {
      push: number;
      pull: number;
      /** The corrected push share of the week; null below the minimum volume. */
      pushShare: number | null;
      /** The week's 90% interval; null below the minimum volume. */
      low: number | null;
      high: number | null;
    }
  >;
}

/**
 * Team culture: the median of the direct reports' corrected upward proactivity (those with a rated
 * figure), with the medians of their intervals, and its weekly trend.
 */
export type TeamCulture =
  | {
      shown: true;
      members: number;
      /** The reports present for the whole period: the only ones the median counts. */
      membersFullPeriod: number;
      /**
       * Why the median is withheld although reports have data (e.g. "fewer than 5 people with data"),
       * else null.
       */
      withheld: string | null;
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
        /** Why the week's median is withheld, or null. */
        withheld: string | null;
      }[];
    }
  | { shown: false; members: number; reason: string };
