import { PushpullError } from '@pushpull/core';
import { z } from 'zod';
import { entry, invertMatrix, type Matrix, transpose } from './matrix';
import { sampleDirichlet, seededRandom } from './seeded-random';

/** A classifier's confusion matrix on labelled text: `counts[gold][predicted]`, classes in `labels` order. */
export interface ConfusionCounts {
  labels: readonly string[];
  counts: readonly (readonly number[])[];
}

/** Validates a confusion matrix read from a file or a table (square, non-negative counts). */
export const confusionCountsSchema = z
  .object({
    labels: z.array(z.string().min(1)).min(2),
    counts: z.array(z.array(z.number().nonnegative())),
  })
  .refine((c) => c.counts.length === c.labels.length && c.counts.every((r) => r.length === c.labels.length), {
    message: 'counts must be a square matrix with one row and one column per label',
  });

/**
 * How to turn one source's observed label counts into estimated true counts, and how uncertain that
 * is. `inverse` is the inverse of the transposed, row-normalised confusion matrix: the estimated true
 * counts are `inverse · observed` (adjusted classify-and-count). `covariance` is the covariance of
 * `inverse`'s entries (row-major, k² × k²) that comes from the confusion matrix having been measured
 * on a finite sample.
 */
export interface LabelCorrection {
  labels: readonly string[];
  inverse: Matrix;
  covariance: Matrix;
  /** Items behind the confusion matrix (0 for the identity). */
  items: number;
}

/** Pseudo-count added to every confusion cell (Jeffreys prior): no rate is taken to be exactly 0 or 1. */
export const CONFUSION_PRIOR = 0.5;

/** Options of `labelCorrection`. */
export interface LabelCorrectionOptions {
  /** Bootstrap draws of the confusion matrix for the covariance (default 2,000). */
  draws?: number;
  /** Seed of the draws (default 1): the same matrix always gives the same correction. */
  seed?: number;
}

/**
 * The correction a confusion matrix implies. Each gold row is a multinomial sample of how the
 * classifier labels that class; the rates are its posterior mean under a Jeffreys prior, and the
 * covariance of the inverse comes from a parametric bootstrap (Dirichlet draws of every row).
 * Deterministic: the same counts and options give the same numbers.
 *
 * @throws PushpullError `metrics.confusion_singular` when the rates cannot be inverted (a classifier
 *   that cannot tell the classes apart: no correction is possible).
 * @example
 * const c = labelCorrection({ labels: ['push', 'pull'], counts: [[90, 10], [20, 80]] });
 * c.inverse // ≈ [[1.29, -0.24], [-0.29, 1.24]] (columns: observed push, observed pull)
 */
export function labelCorrection(
  confusion: ConfusionCounts,
  options: LabelCorrectionOptions = {},
): LabelCorrection {
  const parsed = confusionCountsSchema.safeParse(confusion);
  if (!parsed.success) {
    throw new PushpullError(
      'metrics.confusion_invalid',
      `invalid confusion matrix: ${parsed.error.message}`,
      {
        labels: confusion.labels,
      },
    );
  }
  const k = confusion.labels.length;
  const alphas = confusion.counts.map((row) => row.map((c) => c + CONFUSION_PRIOR));
  const rates = alphas.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((a) => a / total);
  });
  const inverse = invertMatrix(transpose(rates));
  if (!inverse) {
    throw new PushpullError(
      'metrics.confusion_singular',
      `the confusion matrix of ${confusion.labels.join('/')} cannot be inverted: the classifier does not tell these classes apart`,
      { labels: confusion.labels },
    );
  }
  const random = seededRandom(options.seed ?? 1);
  const draws = options.draws ?? 2000;
  const samples: number[][] = [];
  for (let b = 0; b < draws; b++) {
    const inv = invertMatrix(transpose(alphas.map((row) => sampleDirichlet(random, row))));
    if (inv) samples.push(inv.flat());
  }
  return {
    labels: [...confusion.labels],
    inverse,
    covariance: covarianceOf(samples, k * k),
    items: confusion.counts.flat().reduce((a, b) => a + b, 0),
  };
}

/**
 * The correction of a source without a published confusion matrix: observed counts taken as true,
 * with no added uncertainty.
 *
 * @example identityCorrection(['push', 'pull', 'neutral']).inverse[0] // [1, 0, 0]
 */
export function identityCorrection(labels: readonly string[]): LabelCorrection {
  const k = labels.length;
  return {
    labels: [...labels],
    inverse: Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0))),
    covariance: Array.from({ length: k * k }, () => new Array<number>(k * k).fill(0)),
    items: 0,
  };
}

/** The sample covariance matrix of equally long vectors. */
function covarianceOf(samples: readonly number[][], size: number): Matrix {
  const mean = new Array<number>(size).fill(0);
  for (const s of samples)
    for (let i = 0; i < size; i++) mean[i] = (mean[i] as number) + (s[i] as number) / samples.length;
  const cov = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const n = Math.max(1, samples.length - 1);
  for (const s of samples) {
    for (let i = 0; i < size; i++) {
      const di = (s[i] as number) - (mean[i] as number);
      const row = cov[i] as number[];
      for (let j = i; j < size; j++)
        row[j] = (row[j] as number) + (di * ((s[j] as number) - (mean[j] as number))) / n;
    }
  }
  for (let i = 0; i < size; i++) for (let j = 0; j < i; j++) (cov[i] as number[])[j] = entry(cov, j, i);
  return cov;
}
