import { Gauge, type Registry } from 'prom-client';
import type { DependencyHealth } from './dependency-health';

/**
 * Registers `pushpull_dependency_up{dependency="postgres|kafka|redis"}` (1 up, 0 down) on `registry`,
 * read from `health` on every scrape (so it shares the health check's cache and timeouts). Only the
 * dependencies the process uses have a series; an embedded process has none.
 *
 * @example registerDependencyGauge(runtime.metrics.registry, createDependencyHealth(probes));
 */
export function registerDependencyGauge(registry: Registry, health: DependencyHealth): Gauge {
  return new Gauge({
    name: 'pushpull_dependency_up',
    help: 'Whether a dependency of this process answers its health probe (1) or not (0)',
    labelNames: ['dependency'],
    registers: [registry],
    async collect() {
      const report = await health.check();
      this.reset();
      for (const name of health.names) {
        const status = report.dependencies[name];
        if (status) this.set({ dependency: name }, status.up ? 1 : 0);
      }
    },
  });
}
