import { hasConfiguredSource, type PushpullConfig } from '@pushpull/config';
import { createLogger } from '@pushpull/runtime';
import { type Pipeline, parseServiceList, servePipeline } from '@pushpull/service-all-in-one';
import { type CommandStreams, processStreams } from './cli-io';
import { defaultStart } from './simulate-command';

export interface ServeOptions {
  only?: string;
  simulate?: boolean;
  seed: number;
  people: number;
  days: number;
}

/**
 * `pushpull serve`: runs the chosen services until SIGINT/SIGTERM. With `--simulate` the simulated
 * organisation is a source; progress and the dashboard URL are printed on `io.stdout`, logs on `io.stderr`.
 */
export async function serveCommand(
  options: ServeOptions,
  config: PushpullConfig,
  io: Pick<CommandStreams, 'stdout' | 'stderr'> = processStreams(),
): Promise<Pipeline> {
  const services = parseServiceList(options.only);
  const logger = createLogger(config.logLevel, 'pushpull', io.stderr);
  const say = (line: string) => io.stdout.write(`${line}\n`);
  say(
    `pushpull: starting ${services.join(', ')} on ${config.kafkaBrokers ? 'Kafka' : 'the embedded bus'}, ` +
      `${config.databaseUrl ? 'Postgres' : `PGlite in ${config.dataDir}`}, ${config.redisUrl ? 'BullMQ/Redis' : 'the in-process scheduler'}`,
  );
  const simulate = options.simulate
    ? { seed: options.seed, people: options.people, days: options.days, start: defaultStart(options.days) }
    : undefined;
  if (!simulate && !hasConfiguredSource(config) && services.includes('connectors')) {
    say(
      'pushpull: no source configured (GITHUB_TOKEN, SLACK_TOKEN, GRAPH_*); add --simulate for a simulated organisation',
    );
  }
  const pipeline = await servePipeline({ config, logger, services, simulate, announce: say });
  if (simulate && services.includes('connectors')) {
    say(`pushpull: simulating ${simulate.people} people over ${simulate.days} days (seed ${simulate.seed})…`);
    if (services.includes('classifier') && services.includes('aggregator')) {
      const started = Date.now();
      pipeline
        .settled(30 * 60_000)
        .then(() =>
          say(`pushpull: simulated organisation ingested in ${((Date.now() - started) / 1000).toFixed(1)} s`),
        )
        .catch((err) => logger.warn({ err: { message: String(err) } }, 'pipeline did not settle'));
    }
  }
  return pipeline;
}
