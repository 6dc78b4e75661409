import { configuredDependencyProbes, type DependencyUse } from './configured-dependency-probes';
import { registerDependencyGauge } from './dependency-gauge';
import {
  createDependencyHealth,
  type DependencyHealth,
  type DependencyHealthOptions,
} from './dependency-health';
import type { Runtime } from './open-runtime';

/**
 * The dependency health of a process, wired: probes of what its configuration and `use` say it
 * uses (see `configuredDependencyProbes`), the `pushpull_dependency_up` gauge on its metrics
 * registry, and one log line when a dependency goes down (warn, with its reason) and one when it is
 * back (info). Serve it on `/healthz` with `healthzResponse`.
 *
 * @example const dependencies = createRuntimeDependencyHealth(runtime, { scheduler: runsConnectors });
 */
export function createRuntimeDependencyHealth(
  runtime: Pick<Runtime, 'config' | 'logger' | 'metrics'>,
  use: DependencyUse = {},
  options: Omit<DependencyHealthOptions, 'onChange'> = {},
): DependencyHealth {
  const probes = configuredDependencyProbes(runtime.config, use);
  const targets = new Map(probes.map((p) => [p.name, p.target]));
  const health = createDependencyHealth(probes, {
    ...options,
    onChange(dependency, status) {
      const target = targets.get(dependency);
      if (status.up) runtime.logger.info({ dependency, target }, `${dependency} is reachable again`);
      else runtime.logger.warn({ dependency, target, reason: status.reason }, `${dependency} is unreachable`);
    },
  });
  registerDependencyGauge(runtime.metrics.registry, health);
  return health;
}
