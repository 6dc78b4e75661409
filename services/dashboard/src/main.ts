import { createRuntimeDependencyHealth, runServiceMain } from '@pushpull/runtime';
import { startDashboardService } from './dashboard-service';

runServiceMain('dashboard', (rt) =>
  startDashboardService({
    store: rt.store,
    logger: rt.logger,
    port: rt.config.port,
    host: rt.config.host,
    adminPassword: rt.config.adminPassword,
    dependencies: createRuntimeDependencyHealth(rt),
    metricsText: () => rt.metrics.registry.metrics(),
  }),
);
