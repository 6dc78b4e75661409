import { type Initiative, MODES, type Mode } from '@pushpull/core';
import { INITIATIVE_CLASSES } from '../src/model/classifier-model';
import { expectedCalibrationError, type ReliabilityBin, reliabilityTable } from './calibration';
import type { ClassifiedItem } from './classify-corpus';
import { cohenKappa } from './cohen-kappa';
import { type ConfusionMatrix, classScores, confusionMatrix, macroF1 } from './confusion-matrix';
import { CORPUS_SOURCES, type CorpusSource } from './corpus-item';
import type { GoldLabel } from './corpus-label';
import { type InitiativeScore, initiativeScore } from './evaluate';
import { questionMarkBaseline } from './question-mark-baseline';

/** The figures of one source (or of all) on a set of corpus items, against the gold. */
export interface CorpusFigures {
  items: number;
  /** Rows gold, columns predicted, over push / pull / neutral. */
  confusion: ConfusionMatrix<Mode>;
  macroF1: number;
  f1: Record<Mode, number>;
  /** Cohen's kappa of the classifier's modes with the gold modes. */
  kappa: number;
  /** Over gold pushes with a clear initiative: a push labelled anything else counts as wrong. */
  initiative: InitiativeScore;
  initiativeAccuracy: number;
  /**
   * Rows gold, columns predicted, over responsive / proactive: the initiative's confusion among the items
   * whose gold mode is push, whose gold initiative is responsive or proactive (not `unclear`) and which
   * the classifier also labelled push (only a predicted push gets an initiative). It is the initiative's
   * error conditional on the mode being push on both sides, what correcting the initiative counts of
   * predicted pushes needs ("adjusted classify-and-count"); the gold pushes predicted pull or neutral
   * are in `confusion`, and the predicted pushes whose gold is not push have no gold initiative. Its
   * diagonal sums to `initiative.correct`.
   */
  initiativeConfusion: ConfusionMatrix<(typeof INITIATIVE_CLASSES)[number]>;
  /** Expected calibration error of the mode confidence, and its reliability table. */
  ece: number;
  reliability: ReliabilityBin[];
  baseline: { macroF1: number; initiativeAccuracy: number };
}

/**
 * Measures classified corpus items against their gold labels, per source and over all, with the
 * "? means pull" baseline on the same items.
 *
 * @example measureCorpus(classifyCorpus(testItems, model), (id) => gold.get(id)!).chat.macroF1
 */
export function measureCorpus(
  classified: readonly ClassifiedItem[],
  gold: (id: string) => GoldLabel,
): Record<CorpusSource | 'all', CorpusFigures> {
  const out = {} as Record<CorpusSource | 'all', CorpusFigures>;
  for (const source of [...CORPUS_SOURCES, 'all'] as const) {
    out[source] = figuresOf(
      classified.filter((c) => source === 'all' || c.item.source === source),
      gold,
    );
  }
  return out;
}

function figuresOf(rows: readonly ClassifiedItem[], gold: (id: string) => GoldLabel): CorpusFigures {
  const pairs = rows.map((r) => ({ gold: gold(r.item.id).mode, predicted: r.label.mode }));
  const confusion = confusionMatrix(MODES, pairs);
  const baseline = rows.map((r) =>
    questionMarkBaseline({ subject: r.item.source === 'email' ? r.item.subject : null, text: r.item.text }),
  );
  const clearPushes = rows
    .map((r, i) => ({ r, g: gold(r.item.id), b: baseline[i] }))
    .filter(({ g }) => g.init === 'responsive' || g.init === 'proactive');
  const initiative = initiativeScore(
    clearPushes.map(({ r, g }) => [g.init as Initiative, r.label.initiative] as const),
  );
  const initiativeConfusion = confusionMatrix(
    INITIATIVE_CLASSES,
    clearPushes
      .filter(({ r }) => r.label.mode === 'push')
      .map(({ r, g }) => ({
        gold: g.init as Initiative,
        // A push always has an initiative; a null here is a bug, which confusionMatrix throws on.
        predicted: r.label.initiative as Initiative,
      })),
  );
  const baselineInitiative = initiativeScore(
    clearPushes.map(({ g, b }) => [g.init as Initiative, b?.initiative ?? null] as const),
  );
  const predictions = rows.map((r, i) => ({
    confidence: r.label.confidence,
    correct: r.label.mode === pairs[i]?.gold,
  }));
  const scores = classScores(confusion);
  return {
    items: rows.length,
    confusion,
    macroF1: macroF1(confusion),
    f1: Object.fromEntries(scores.map((s) => [s.label, s.f1])) as Record<Mode, number>,
    kappa: cohenKappa(pairs.map((p) => [p.gold, p.predicted] as const)).kappa,
    initiative,
    initiativeAccuracy: initiative.accuracy,
    initiativeConfusion,
    ece: expectedCalibrationError(predictions),
    reliability: reliabilityTable(predictions),
    baseline: {
      macroF1: macroF1(
        confusionMatrix(
          MODES,
          rows.map((_, i) => ({ gold: pairs[i]!.gold, predicted: baseline[i]!.mode })),
        ),
      ),
      initiativeAccuracy: baselineInitiative.accuracy,
    },
  };
}
