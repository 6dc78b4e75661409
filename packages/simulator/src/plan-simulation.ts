import type { OrgRow } from '@pushpull/org';
import { buildSimulatedOrg, type SimulatedOrg } from './simulated-org';
import {
  type ResolvedSimulationOptions,
  resolveSimulationOptions,
  type SimulationOptions,
} from './simulation-options';
import type { Truth } from './truth';

/** Everything about a simulation except its events: options, org chart rows, leaders, and the model. */
export interface SimulationPlan {
  readonly options: ResolvedSimulationOptions;
  /** The org chart CSV rows (docs/contracts.md §5), history rows last. */
  readonly org: OrgRow[];
  /** The archetype of each leader, by email (TRUTH.json `leaders`). */
  readonly leaders: Truth['leaders'];
  /** The simulator's own model of the organisation (reporting lines per day, externals). */
  readonly model: SimulatedOrg;
}

/**
 * Builds the simulated organisation without generating events; pass it to `generateEvents` to stream them.
 *
 * @example
 * const plan = planSimulation({ seed: 1, people: 300, days: 90, start: '2026-01-05' });
 * plan.org.length; // 300 + a few manager-change rows
 */
export function planSimulation(options: SimulationOptions): SimulationPlan {
  const resolved = resolveSimulationOptions(options);
  const model = buildSimulatedOrg(resolved);
  return { options: resolved, org: model.orgRows(), leaders: model.leaders(), model };
}
