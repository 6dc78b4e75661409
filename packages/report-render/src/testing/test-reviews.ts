import type { LeaderReview, OrgLeaderRow, OrgReview, ShownRatio } from '../review-model';

/** Test helper: a rated ratio with an interval (or without, when low/high are omitted). */
export function ratio(
  corrected: number | null,
  low: number | null = null,
  high: number | null = null,
  raw = corrected,
  volume = 40,
): ShownRatio {
  return {
    raw,
    corrected,
    low,
    high,
    volume,
    level: low === null ? null : 0.9,
    rated: corrected !== null || raw !== null,
    certainty: null,
  };
}

/** Test helper: a ratio below the minimum volume. */
export function unrated(raw: number | null = 0.5, volume = 3): ShownRatio {
  return { raw, corrected: null, low: null, high: null, volume, level: null, rated: false, certainty: null };
}

export const EVIL_NAME = 'Lea <script>alert(1)</script> "Smith" & Co';

const WEEKS = ['2026-06-29', '2026-07-06', '2026-07-13', '2026-07-20', '2026-07-27'];

/** Test helper: a leader review with intervals, a name that needs escaping and a previous quarter. */
export function leaderReviewFixture(): LeaderReview {
  return {
    leader: { name: EVIL_NAME, email: 'lea@acme.io', department: 'R&D' },
    period: { label: '2026-Q3', from: '2026-07-01', to: '2026-10-01' },
    previous: { label: '2026-Q2', from: '2026-04-01', to: '2026-07-01' },
    asOf: '2026-09-30',
    minVolume: 5,
    directions: [
      {
        direction: 'up',
        push: 30,
        pull: 10,
        neutral: 2,
        pushShare: ratio(0.72, 0.58, 0.83, 0.75),
        band: 'in band',
        target: [0.6, 0.9],
        previous: { pushShare: ratio(0.6, 0.45, 0.74), band: 'in band' },
      },
      {
        direction: 'down',
        push: 9,
        pull: 1,
        neutral: 0,
        pushShare: ratio(0.9, 0.7, 0.98),
        band: 'too pushy',
        target: [0.3, 0.6],
        previous: null,
      },
      {
        direction: 'peer',
        push: 1,
        pull: 1,
        neutral: 0,
        pushShare: unrated(0.5, 2),
        band: 'not enough data',
        target: [0.4, 0.6],
        previous: null,
      },
      {
        direction: 'lateral',
        push: 2,
        pull: 0,
        neutral: 0,
        pushShare: unrated(1, 2),
        band: null,
        target: null,
        previous: null,
      },
    ],
    ratios: [
      {
        key: 'upward-proactivity',
        label: 'upward proactivity',
        value: ratio(0.55, 0.4, 0.7, 0.5),
        volumeOf: 'pushes up',
        previous: ratio(0.3, 0.2, 0.45),
      },
      {
        key: 'downward-pull-share',
        label: 'downward pull share',
        value: ratio(0.1, 0.02, 0.3),
        volumeOf: 'pushes + pulls down',
        previous: unrated(),
      },
    ],
    facts: [{ label: 'events per week', value: '2.7', previous: '1.9' }],
    team: {
      reports: 2,
      reportsWithData: 2,
      upwardProactivity: ratio(0.55),
      previousUpwardProactivity: ratio(0.5),
      trend: 'rising (+0.12 over the period)',
      facts: [{ label: 'pulls the reports received from their manager', value: '4', previous: '3' }],
    },
    weeks: WEEKS,
    weeklyPushShare: [
      {
        name: 'up',
        points: [
          ratio(0.7, 0.5, 0.85),
          ratio(0.75, 0.55, 0.9),
          unrated(),
          ratio(0.8, 0.6, 0.95),
          ratio(0.6, 0.4, 0.8),
        ],
      },
      { name: 'down', points: [unrated(), ratio(0.9), unrated(), unrated(), unrated()] },
    ],
    weeklyTeam: [
      { name: 'team median', points: [unrated(), ratio(0.5), ratio(0.55), ratio(0.6), unrated()] },
    ],
    trendText: 'Downward pull share: flat. Upward proactivity: rising (+0.10 over the period).',
    sources: [{ source: 'slack', push: 30, pull: 11, neutral: 2 }],
    reasons: [{ mode: 'push', reason: 'statement', events: 26 }],
  };
}

function leaderRow(
  name: string,
  department: string | null,
  x: number | null,
  y: number | null,
  outlier = false,
): OrgLeaderRow {
  const r = (v: number | null) =>
    v === null ? unrated() : ratio(v, Math.max(0, v - 0.1), Math.min(1, v + 0.1));
  return {
    name,
    email: `${name.toLowerCase().replace(/[^a-z]/g, '')}@acme.io`,
    department,
    reports: 3,
    upwardProactivity: r(x),
    downwardPullShare: r(y),
    externalPullShare: unrated(),
    teamUpwardProactivity: ratio(0.4),
    bands: { up: 'in band', down: y === null ? 'not enough data' : 'in band' },
    pushOnly: false,
    outlier,
    previous: {
      upwardProactivity: r(x === null ? null : x - 0.05),
      downwardPullShare: r(y),
      externalPullShare: unrated(),
      teamUpwardProactivity: unrated(),
      bands: { up: 'too pully', down: 'in band' },
      pushOnly: true,
    },
  };
}

/** Test helper: an org review of four leaders in two departments, one outlier, one without data. */
export function orgReviewFixture(): OrgReview {
  return {
    period: { label: '2026-Q3', from: '2026-07-01', to: '2026-10-01' },
    previous: { label: '2026-Q2', from: '2026-04-01', to: '2026-07-01' },
    asOf: '2026-09-30',
    minVolume: 5,
    downwardPullShareBand: [0.4, 0.7],
    leaders: [
      leaderRow('Ada', 'R&D', 0.6, 0.5),
      leaderRow(EVIL_NAME, 'R&D', 0.2, 0.9, true),
      leaderRow('Bo', 'Sales', 0.5, 0.45),
      leaderRow('Cy', null, null, 0.3),
    ],
    departments: [
      {
        department: 'R&D',
        leaders: 2,
        upwardProactivity: ratio(0.45, 0.35, 0.55),
        downwardPullShare: ratio(0.6, 0.5, 0.7),
        externalPullShare: unrated(),
        inBandDown: { inBand: 1, rated: 2 },
        pushOnly: 0,
        previous: {
          upwardProactivity: ratio(0.4),
          downwardPullShare: ratio(0.5),
          externalPullShare: unrated(),
          inBandDown: { inBand: 2, rated: 2 },
          pushOnly: 1,
        },
      },
    ],
  };
}
