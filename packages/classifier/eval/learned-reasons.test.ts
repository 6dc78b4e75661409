import { describe, expect, it } from 'vitest';
import { MODEL_REASONS } from '../src/classify-event';
import { defaultClassifierModel } from '../src/model/classifier-model';
import { REASON_CATALOG } from '../src/reason-catalog';
import { classifyCorpus } from './classify-corpus';
import { loadCorpusItems } from './load-corpus';

describe('the learned layer’s reasons, on the corpus’s dev split', () => {
  const items = loadCorpusItems().filter((i) => i.split === 'dev');
  const learned = classifyCorpus(items, defaultClassifierModel());
  const rules = classifyCorpus(items, null);

  it('keeps the rules’ reasons where it agrees with them, and names itself first where it does not', () => {
    let disagreements = 0;
    let sameContext = 0;
    learned.forEach((l, i) => {
      const r = rules[i]!;
      expect(l.item.id).toBe(r.item.id);
      const modeReasons = (label: typeof l.label) =>
        label.reasons.filter((id) => REASON_CATALOG[id]?.kind === 'mode');
      // The rules' verdict in the learned run's own context: the conversation memory holds the learned
      // layer's earlier labels, so a context rule (a bare "yes" after a question) can differ from the
      // rules-alone run's.
      const ruledMode = l.features.find((f) => f.startsWith('m:'))?.slice(2);
      if (l.label.mode === ruledMode) {
        for (const id of modeReasons(l.label)) expect(l.features, l.item.id).toContain(`r:${id}`);
        expect(Object.values(MODEL_REASONS)).not.toContain(l.label.reasons[0]);
        if (l.features.join() === r.features.join()) {
          sameContext++;
          expect(modeReasons(l.label), l.item.id).toEqual(modeReasons(r.label));
        }
      } else {
        disagreements++;
        expect(l.label.reasons[0], l.item.id).toBe(MODEL_REASONS[l.label.mode]);
        for (const id of l.label.reasons) expect(REASON_CATALOG[id], id).toBeDefined();
      }
    });
    expect(disagreements).toBeGreaterThan(0);
    expect(sameContext).toBeGreaterThan(items.length / 2);
  });
});
