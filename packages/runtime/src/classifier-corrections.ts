import { CLASSIFIER_VERSION, corpusSourceOf, publishedConfusion } from '@pushpull/classifier';
import { isPushpullError, SOURCES } from '@pushpull/core';
import {
  type CorrectionSet,
  INITIATIVE_LABELS,
  identityCorrection,
  type LabelCorrection,
  labelCorrection,
  MODE_LABELS,
  type SourceCorrection,
} from '@pushpull/metrics';

/** The label corrections of the classifier in this process, ready to store or to compute with. */
export interface ClassifierCorrections {
  /** `CLASSIFIER_VERSION` of @pushpull/classifier: whose confusion the corrections come from. */
  version: string;
  /** Per event source (github, slack, outlook), from the confusion of its corpus source. */
  corrections: CorrectionSet;
  /** `source/kind` pairs whose confusion matrix cannot be inverted and stay identity (none today). */
  identity: string[];
}

let cached: ClassifierCorrections | undefined;

/**
 * The corrections of the classifier in use: for every event source, its corpus source's published
 * test-split confusion (`publishedConfusion()` via `corpusSourceOf`: Outlook as email, Slack as chat,
 * GitHub as GitHub) turned into adjusted classify-and-count corrections by `labelCorrection` of
 * @pushpull/metrics, for the mode and for the initiative of pushes. Deterministic (seeded bootstrap),
 * computed once per process (about 0.1 s cold) and kept, frozen. A matrix that cannot be inverted
 * leaves that source's kind identity (listed in `identity`).
 *
 * @example
 * const { version, corrections } = classifierCorrections();
 * leaderEstimates(bySource, { corrections });
 */
export function classifierCorrections(): ClassifierCorrections {
  if (cached === undefined) {
    const published = publishedConfusion();
    const identity: string[] = [];
    const byCorpus = new Map<string, SourceCorrection>();
    const correct = (
      source: string,
      kind: keyof SourceCorrection,
      matrix: { labels: string[]; counts: number[][] },
    ): LabelCorrection => {
      try {
        return labelCorrection(matrix);
      } catch (err) {
        if (!isPushpullError(err, 'metrics.confusion_singular')) throw err;
        identity.push(`${source}/${kind}`);
        return identityCorrection(kind === 'mode' ? MODE_LABELS : INITIATIVE_LABELS);
      }
    };
    const corrections: Record<string, SourceCorrection> = {};
    for (const source of SOURCES) {
      const corpus = corpusSourceOf(source);
      let correction = byCorpus.get(corpus);
      if (correction === undefined) {
        const matrices = published.sources[corpus];
        correction = Object.freeze({
          mode: correct(source, 'mode', matrices.mode),
          initiative: correct(source, 'initiative', matrices.initiative),
        });
        byCorpus.set(corpus, correction);
      }
      corrections[source] = correction;
    }
    cached = Object.freeze({
      version: CLASSIFIER_VERSION,
      corrections: Object.freeze(corrections),
      identity,
    });
  }
  return cached;
}
