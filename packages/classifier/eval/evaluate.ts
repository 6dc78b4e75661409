import { type ActivityEvent, type Initiative, type LabeledEvent, MODES, type Mode } from '@pushpull/core';
import type { OrgChart } from '@pushpull/org';
import { classifyEvent } from '../src/classify-event';
import { InMemoryConversationMemory } from '../src/in-memory-conversation-memory';
import type { ClassifierModel } from '../src/model/classifier-model';
import {
  type ClassScore,
  type ConfusionMatrix,
  classScores,
  confusionMatrix,
  macroF1,
} from './confusion-matrix';
import type { EvalDirectory } from './eval-directory';
import { EVAL_SOURCES, type EvalSource, type SourcedItem } from './eval-item';
import { EVAL_SPLITS, type EvalSplit, splitOf } from './eval-split';
import { questionMarkBaseline } from './question-mark-baseline';
import { toActivityEvent } from './to-activity-event';

/** One item with its event, the classifier's label and the baseline's guess. */
export interface EvalResult {
  item: SourcedItem;
  split: EvalSplit;
  event: ActivityEvent;
  label: LabeledEvent;
  baseline: { mode: Mode; initiative: Initiative | null };
}

/**
 * Runs every item through `classifyEvent` in the given (conversation) order with one conversation
 * memory, as `pushpull classify` does with one input, and the question-mark baseline beside it.
 * `model` as in `ClassifyContext` (omitted: the committed learned layer; null: the rules alone).
 *
 * @example const results = runEvaluation(items, { org, directory });
 */
export function runEvaluation(
  items: readonly SourcedItem[],
  context: { org: OrgChart; directory: EvalDirectory; model?: ClassifierModel | null },
): EvalResult[] {
  const memory = new InMemoryConversationMemory();
  return items.map((item, index) => {
    const event = toActivityEvent(item, index, context.directory);
    return {
      item,
      split: splitOf(`${item.source}:${item.conv}`),
      event,
      label: classifyEvent(event, {
        org: context.org,
        memory,
        ...(context.model !== undefined ? { model: context.model } : {}),
      }),
      baseline: questionMarkBaseline({
        subject: item.source === 'email' ? event.subject : null,
        text: event.text,
      }),
    };
  });
}

/** Initiative accuracy over gold pushes: a push labelled anything but push counts as wrong. */
export interface InitiativeScore {
  correct: number;
  total: number;
  accuracy: number;
}

/** The figures of one group of results (one split, one source or all sources). */
export interface EvalFigures {
  items: number;
  modes: ConfusionMatrix<Mode>;
  classes: ClassScore<Mode>[];
  macroF1: number;
  initiative: InitiativeScore;
  baseline: {
    modes: ConfusionMatrix<Mode>;
    classes: ClassScore<Mode>[];
    macroF1: number;
    initiative: InitiativeScore;
  };
}

/**
 * The figures of a group of results: confusion matrix, per-class scores and macro-F1 over
 * push/pull/neutral, initiative accuracy over gold pushes, and the same for the baseline.
 *
 * @example figures(results.filter((r) => r.split === 'check')).macroF1
 */
export function figures(results: readonly EvalResult[]): EvalFigures {
  const modes = confusionMatrix(
    MODES,
    results.map((r) => ({ gold: r.item.mode, predicted: r.label.mode })),
  );
  const baselineModes = confusionMatrix(
    MODES,
    results.map((r) => ({ gold: r.item.mode, predicted: r.baseline.mode })),
  );
  const pushes = results.filter((r) => r.item.init !== null);
  return {
    items: results.length,
    modes,
    classes: classScores(modes),
    macroF1: macroF1(modes),
    initiative: initiativeScore(pushes.map((r) => [r.item.init, r.label.initiative])),
    baseline: {
      modes: baselineModes,
      classes: classScores(baselineModes),
      macroF1: macroF1(baselineModes),
      initiative: initiativeScore(pushes.map((r) => [r.item.init, r.baseline.initiative])),
    },
  };
}

/**
 * Share of gold initiatives matched exactly (null = not labelled a push = wrong); 0 when empty.
 *
 * @example initiativeScore([['responsive', 'responsive'], ['proactive', null]]).accuracy // 0.5
 */
export function initiativeScore(
  pairs: readonly (readonly [Initiative | null, Initiative | null])[],
): InitiativeScore {
  const total = pairs.length;
  const correct = pairs.filter(([gold, predicted]) => gold === predicted).length;
  return { correct, total, accuracy: total === 0 ? 0 : correct / total };
}

/** Figures per split, and within each split per source and overall (`all`). */
export type EvalReport = Record<EvalSplit, Record<EvalSource | 'all', EvalFigures>>;

/**
 * Groups results by split and source and computes their figures.
 *
 * @example report(results).check.email.macroF1
 */
export function report(results: readonly EvalResult[]): EvalReport {
  const out = {} as EvalReport;
  for (const split of EVAL_SPLITS) {
    const inSplit = results.filter((r) => r.split === split);
    const bySource = {} as Record<EvalSource | 'all', EvalFigures>;
    for (const source of EVAL_SOURCES)
      bySource[source] = figures(inSplit.filter((r) => r.item.source === source));
    bySource.all = figures(inSplit);
    out[split] = bySource;
  }
  return out;
}
