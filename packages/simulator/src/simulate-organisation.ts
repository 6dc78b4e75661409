import type { ActivityEvent } from '@pushpull/core';
import type { OrgRow } from '@pushpull/org';
import { generateEvents } from './generate-events';
import { planSimulation } from './plan-simulation';
import type { SimulationOptions } from './simulation-options';
import type { Truth, TruthEvent } from './truth';

/** A whole simulated organisation: org chart rows, events sorted by occurredAt then id, ground truth. */
export interface Simulation {
  org: OrgRow[];
  events: ActivityEvent[];
  truth: Truth;
}

/**
 * Simulates an organisation of `people` over `days` days from `start`: an org chart with a few manager
 * changes, ActivityEvents from Slack, Outlook and GitHub, and the ground truth of every event and leader.
 * Pure and deterministic: the same options always give the same output.
 *
 * @example
 * const sim = simulateOrganisation({ seed: 42, people: 60, days: 30, start: '2026-03-02' });
 * sim.truth.events[sim.events[0].id].mode; // 'push' | 'pull' | 'neutral'
 */
export function simulateOrganisation(options: SimulationOptions): Simulation {
  const plan = planSimulation(options);
  const events: ActivityEvent[] = [];
  const truthEvents: Record<string, TruthEvent> = {};
  for (const { event, truth } of generateEvents(plan)) {
    events.push(event);
    truthEvents[event.id] = truth;
  }
  return { org: plan.org, events, truth: { events: truthEvents, leaders: plan.leaders } };
}
