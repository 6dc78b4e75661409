import { simulateOrganisation } from '@pushpull/simulator';
import { describe, expect, it } from 'vitest';
import type { ModeCounts } from './direction-counts';
import { labelCorrection } from './label-correction';
import {
  type CorrectionSet,
  MODE_LABELS,
  pushShareEstimate,
  type SourceDirectionCounts,
} from './leader-estimates';
import { type Random, seededRandom } from './seeded-random';

/**
 * Label noise at a known confusion matrix per source (rows: true push/pull/neutral; columns: the
 * label given), of the size the published classifier shows on real text.
 */
const NOISE: Record<string, number[][]> = {
  outlook: [
    [0.76, 0.11, 0.13],
    [0.27, 0.57, 0.16],
    [0.07, 0.01, 0.92],
  ],
  slack: [
    [0.69, 0.19, 0.12],
    [0.18, 0.8, 0.02],
    [0.23, 0.09, 0.68],
  ],
  github: [
    [0.88, 0.06, 0.06],
    [0.17, 0.78, 0.05],
    [0.4, 0.02, 0.58],
  ],
};

/** Draws a class from a row of probabilities. */
function draw(random: Random, row: readonly number[]): number {
  let u = random();
  for (let i = 0; i < row.length; i++) {
    u -= row[i] as number;
    if (u < 0) return i;
  }
  return row.length - 1;
}

/** A test split of `items` messages labelled through the noise: the confusion a classifier would publish. */
function publishedConfusion(random: Random, noise: number[][], items: number): number[][] {
  const mix = [0.6, 0.22, 0.18];
  const counts = noise.map(() => [0, 0, 0]);
  for (let n = 0; n < items; n++) {
    const gold = draw(random, mix);
    const row = counts[gold] as number[];
    const given = draw(random, noise[gold] as number[]);
    row[given] = (row[given] as number) + 1;
  }
  return counts;
}

const empty = (): ModeCounts => ({ push: 0, pull: 0, neutral: 0, proactivePush: 0, responsivePush: 0 });

describe('corrected push shares on a simulated organisation with injected label noise', () => {
  it('hold the true share in their 90% interval for at least 85% of leaders with enough data, where raw shares are biased', () => {
    const sim = simulateOrganisation({ seed: 23, people: 150, days: 120, start: '2026-01-05' });
    const leaders = new Set(Object.keys(sim.truth.leaders));
    const rows: { truth: number; raw: number; corrected: number; low: number; high: number }[] = [];
    for (const noiseSeed of [1, 2, 3]) {
      const random = seededRandom(noiseSeed);
      const corrections: CorrectionSet = Object.fromEntries(
        Object.entries(NOISE).map(([source, noise]) => [
          source,
          {
            mode: labelCorrection({ labels: MODE_LABELS, counts: publishedConfusion(random, noise, 400) }),
            initiative: labelCorrection({
              labels: ['responsive', 'proactive'],
              counts: [
                [100, 0],
                [0, 100],
              ],
            }),
          },
        ]),
      );
      // observed[leader][source][direction] and the true counts beside them.
      const observed = new Map<string, Record<string, Record<string, ModeCounts>>>();
      const truth = new Map<string, Record<string, { push: number; pull: number }>>();
      for (const event of sim.events) {
        const author = event.actor.email ?? '';
        const label = sim.truth.events[event.id];
        if (!leaders.has(author) || !label) continue;
        const noise = NOISE[event.source];
        if (!noise) throw new Error(`no noise for source ${event.source}`);
        const trueIndex = MODE_LABELS.indexOf(label.mode);
        const given = MODE_LABELS[draw(random, noise[trueIndex] as number[])] ?? 'neutral';
        for (const edge of label.edges) {
          const bySource = observed.get(author) ?? {};
          const byDirection = bySource[event.source] ?? {};
          const c = byDirection[edge.direction] ?? empty();
          c[given] += 1;
          byDirection[edge.direction] = c;
          bySource[event.source] = byDirection;
          observed.set(author, bySource);
          const t = truth.get(author) ?? {};
          const tc = t[edge.direction] ?? { push: 0, pull: 0 };
          if (label.mode === 'push') tc.push += 1;
          if (label.mode === 'pull') tc.pull += 1;
          t[edge.direction] = tc;
          truth.set(author, t);
        }
      }
      for (const [author, bySource] of observed) {
        for (const [direction, t] of Object.entries(truth.get(author) ?? {})) {
          const e = pushShareEstimate(bySource as SourceDirectionCounts, direction as 'up', corrections);
          if (e.volume < 20 || e.raw === null || e.corrected === null || e.low === null || e.high === null)
            continue;
          if (t.push + t.pull === 0) continue;
          rows.push({
            truth: t.push / (t.push + t.pull),
            raw: e.raw,
            corrected: e.corrected,
            low: e.low,
            high: e.high,
          });
        }
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const covered = rows.filter((r) => r.low <= r.truth && r.truth <= r.high).length / rows.length;
    // Label noise pulls raw shares towards the middle: a slope below 1 against the truth.
    const slope = (pick: (r: (typeof rows)[number]) => number) => {
      const mx = mean(rows.map((r) => r.truth));
      const my = mean(rows.map(pick));
      const sxy = rows.reduce((sum, r) => sum + (r.truth - mx) * (pick(r) - my), 0);
      const sxx = rows.reduce((sum, r) => sum + (r.truth - mx) ** 2, 0);
      return sxy / sxx;
    };
    const rawSlope = slope((r) => r.raw);
    const correctedSlope = slope((r) => r.corrected);
    const high = rows.filter((r) => r.truth >= 0.75);
    const rawBias = mean(high.map((r) => r.raw - r.truth));
    const correctedBias = mean(high.map((r) => r.corrected - r.truth));
    const rawError = mean(rows.map((r) => Math.abs(r.raw - r.truth)));
    const correctedError = mean(rows.map((r) => Math.abs(r.corrected - r.truth)));
    console.log(
      `${rows.length} leader × direction figures with enough data: 90% interval holds the true share for ` +
        `${(covered * 100).toFixed(1)}%; slope against the truth raw ${rawSlope.toFixed(3)} vs corrected ${correctedSlope.toFixed(3)}; ` +
        `mean bias where the true share is at least 0.75 (${high.length}) raw ${rawBias.toFixed(3)} vs corrected ${correctedBias.toFixed(3)}; ` +
        `mean absolute error raw ${rawError.toFixed(3)} vs corrected ${correctedError.toFixed(3)}; ` +
        `mean interval width ${mean(rows.map((r) => r.high - r.low)).toFixed(3)}`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(covered).toBeGreaterThanOrEqual(0.85);
    expect(rawSlope).toBeLessThan(0.85);
    expect(correctedSlope).toBeGreaterThan(0.9);
    expect(correctedSlope).toBeLessThan(1.1);
    expect(rawBias).toBeLessThan(-0.03);
    expect(Math.abs(correctedBias)).toBeLessThan(Math.abs(rawBias) / 2);
  }, 120_000);
});
