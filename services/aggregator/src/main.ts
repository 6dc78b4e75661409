import { runServiceMain } from '@pushpull/runtime';
import { startAggregatorService } from './aggregator-service';

runServiceMain('aggregator', (rt) =>
  startAggregatorService({ bus: rt.bus, store: rt.store, logger: rt.logger, names: rt.names }),
);
