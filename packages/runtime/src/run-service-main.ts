import { parseConfig } from '@pushpull/config';
import { createLogger } from './create-logger';
import { openRuntime, type Runtime } from './open-runtime';
import { runMain, type Stoppable } from './run-main';

/**
 * The whole `main.ts` of a deployable service: parse the environment once, open the bus and store
 * it names, start the service, stop it cleanly on a signal, exit 1 with one line on a bad start.
 *
 * @example runServiceMain('aggregator', (rt) => startAggregatorService({ bus: rt.bus, store: rt.store, logger: rt.logger }));
 */
export function runServiceMain(name: string, start: (runtime: Runtime) => Promise<Stoppable>): void {
  runMain(name, async () => {
    const config = parseConfig(process.env);
    const logger = createLogger(config.logLevel, name);
    const runtime = await openRuntime(config, logger, `pushpull-${name}`);
    try {
      const service = await start(runtime);
      return {
        async stop() {
          await service.stop();
          await runtime.close();
        },
      };
    } catch (err) {
      await runtime.close();
      throw err;
    }
  });
}
