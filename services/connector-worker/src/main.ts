import { runServiceMain } from '@pushpull/runtime';
import { startConnectorWorker } from './connector-worker';

runServiceMain('connector-worker', (rt) =>
  startConnectorWorker({
    bus: rt.bus,
    store: rt.store,
    logger: rt.logger,
    names: rt.names,
    redisUrl: rt.config.redisUrl,
    sources: rt.config.sources,
    syncEveryMs: rt.config.syncEveryMs,
    syncSince: rt.config.syncSince,
    retentionDays: rt.config.retentionDays,
  }),
);
