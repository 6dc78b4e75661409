import type { LabeledEvent } from '@pushpull/core';
import { OrgChart } from '@pushpull/org';
import { classifyEvent } from '../src/classify-event';
import { InMemoryConversationMemory } from '../src/in-memory-conversation-memory';
import type { ClassifierModel } from '../src/model/classifier-model';
import { corpusEvents } from './corpus-event';
import type { CorpusItem } from './corpus-item';
import { groupBy } from './group-by';

/** One corpus item as the classifier saw it: its label and what the learned layer weighed. */
export interface ClassifiedItem {
  item: CorpusItem;
  label: LabeledEvent;
  /** The rule features of the item (see `ruleFeatures`). */
  features: string[];
  /** Its wording feature ids (see `lexicalFeatures`). */
  words: number[];
}

/**
 * Classifies corpus items thread by thread, in thread order, each thread with a fresh conversation
 * memory (as `pushpull classify` reads one conversation), against an empty org chart (the corpus
 * knows no reporting lines; mode and initiative do not need them). `model: null` is the rules alone.
 *
 * @example classifyCorpus(items.filter((i) => i.split === 'test'), defaultClassifierModel())
 */
export function classifyCorpus(
  items: readonly CorpusItem[],
  model: ClassifierModel | null,
): ClassifiedItem[] {
  const org = OrgChart.fromRows([]);
  const out: ClassifiedItem[] = [];
  for (const thread of groupBy(items, (i) => i.thread).values()) {
    const ordered = thread.sort((a, b) => a.position - b.position); // groupBy's own arrays: sorted in place
    const events = corpusEvents(ordered);
    const memory = new InMemoryConversationMemory();
    ordered.forEach((item, i) => {
      let traced: { features: string[]; words: number[] | null } = { features: [], words: null };
      const label = classifyEvent(events[i]!, {
        org,
        memory,
        model,
        trace: (t) => {
          traced = t;
        },
      });
      out.push({ item, label, features: traced.features, words: traced.words ?? [] });
    });
  }
  return out;
}
