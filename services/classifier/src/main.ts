import { runServiceMain } from '@pushpull/runtime';
import { startClassifierService } from './classifier-service';

runServiceMain('classifier', (rt) =>
  startClassifierService({
    bus: rt.bus,
    store: rt.store,
    logger: rt.logger,
    names: rt.names,
    orgDomains: rt.config.orgDomains,
  }),
);
