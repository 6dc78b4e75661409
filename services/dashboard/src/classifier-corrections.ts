import { corpusSourceOf, publishedConfusion } from '@pushpull/classifier';
import { SOURCES } from '@pushpull/core';
import { type CorrectionSet, labelCorrection, type SourceCorrection } from '@pushpull/metrics';

let cached: CorrectionSet | undefined;

/**
 * The corrections of the classifier in use, per event source (Outlook from its email figures, Slack
 * from chat, GitHub from GitHub): its published test-split confusion matrices for the mode and for
 * the initiative of pushes, turned into adjusted classify-and-count corrections with their own
 * uncertainty. Computed once per process (a parametric bootstrap, about 0.2 s) and kept.
 *
 * @example leaderEstimates(countsBySource, { corrections: classifierCorrections() })
 */
export function classifierCorrections(): CorrectionSet {
  if (cached === undefined) {
    const published = publishedConfusion();
    const set: Record<string, SourceCorrection> = {};
    for (const source of SOURCES) {
      const matrices = published.sources[corpusSourceOf(source)];
      set[source] = {
        mode: labelCorrection(matrices.mode),
        initiative: labelCorrection(matrices.initiative),
      };
    }
    cached = Object.freeze(set);
  }
  return cached;
}
