import { OrgChart } from '@pushpull/org';
import { simulateOrganisation } from '@pushpull/simulator';
import { classifyEvent } from '../src/classify-event';
import { InMemoryConversationMemory } from '../src/in-memory-conversation-memory';
import { INITIATIVE_CLASSES, MODE_CLASSES } from '../src/model/classifier-model';
import type { TrainingExample } from './fit-softmax';

/** The simulations whose messages join the training data (not seed 42, which the agreement test uses). */
export const TRAINING_SIMULATIONS = [
  { seed: 1, people: 60, days: 30, start: '2026-01-05' },
  { seed: 2, people: 40, days: 30, start: '2026-04-06' },
] as const;

/**
 * Training examples from simulated organisations: every simulated message the text rules judge, with
 * the simulator's ground truth, each distinct (features, wording, label) once. They teach the learned
 * layer the product's own message shapes (the simulator, the demo and the end-to-end tests use them),
 * so that it keeps labelling them exactly as their ground truth.
 *
 * @example simulatorExamples().mode.length > 0
 */
export function simulatorExamples(): { mode: TrainingExample[]; initiative: TrainingExample[] } {
  const mode = new Map<string, TrainingExample>();
  const initiative = new Map<string, TrainingExample>();
  for (const options of TRAINING_SIMULATIONS) {
    const sim = simulateOrganisation(options);
    const org = OrgChart.fromRows(sim.org);
    const memory = new InMemoryConversationMemory();
    for (const event of sim.events) {
      let traced: { features: string[]; words: number[] | null } | null = null;
      classifyEvent(event, {
        org,
        memory,
        model: null,
        trace: (t) => {
          traced = t;
        },
      });
      const truth = sim.truth.events[event.id];
      if (!traced || !truth) continue;
      const { features, words } = traced as { features: string[]; words: number[] | null };
      const base = { features, words: words ?? [], weight: 1 };
      const key = `${features.join(' ')}|${(words ?? []).join(' ')}`;
      mode.set(`${key}|${truth.mode}`, { ...base, label: MODE_CLASSES.indexOf(truth.mode) });
      if (truth.mode === 'push' && truth.initiative) {
        initiative.set(`${key}|${truth.initiative}`, {
          ...base,
          label: INITIATIVE_CLASSES.indexOf(truth.initiative),
        });
      }
    }
  }
  return { mode: [...mode.values()], initiative: [...initiative.values()] };
}
