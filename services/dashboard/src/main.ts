import { createRuntimeDependencyHealth, runServiceMain } from '@pushpull/runtime';
import { startDashboardService } from './dashboard-service';
import { userInboxDir } from './user-inbox';

runServiceMain('dashboard', (rt) =>
  startDashboardService({
    store: rt.store,
    logger: rt.logger,
    port: rt.config.port,
    host: rt.config.host,
    adminPassword: rt.config.adminPassword,
    trustProxy: rt.config.trustProxy,
    ...(rt.config.databaseUrl ? {} : { userInboxDir: userInboxDir(rt.config.dataDir) }),
    dependencies: createRuntimeDependencyHealth(rt),
    metricsText: () => rt.metrics.registry.metrics(),
  }),
);
