import { InteractionEngine } from './interaction-engine';
import type { SimulationPlan } from './plan-simulation';
import type { SimulatedEvent } from './truth';

/**
 * Streams the events of a simulation with their ground truth, day by day, in global order (occurredAt,
 * then id). Only one day is held in memory, so hundreds of thousands of events can be written out as
 * they come. Every call replays the same sequence.
 *
 * @example
 * for (const { event, truth } of generateEvents(planSimulation({ seed: 1, people: 300, days: 90, start: '2026-01-05' }))) {
 *   out.write(`${JSON.stringify(event)}\n`);
 * }
 */
export function* generateEvents(plan: SimulationPlan): Generator<SimulatedEvent, void, undefined> {
  const engine = new InteractionEngine(plan.model);
  for (let day = 0; day < plan.options.days; day++) yield* engine.day(day);
}
