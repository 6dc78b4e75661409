import { createBus } from '@pushpull/bus';
import type { PushpullConfig } from '@pushpull/config';
import {
  busSink,
  createSourceConnector,
  type EventSink,
  jsonlFileSink,
  type SyncProgress,
  type SyncSource,
  syncConfiguredSource,
} from '@pushpull/connectors';
import { pipelineNames } from '@pushpull/core';
import { createLogger } from '@pushpull/runtime';
import { openStore } from '@pushpull/store';
import { type CommandStreams, processStreams } from './cli-io';

export interface SyncOptions {
  once?: boolean;
  out?: string;
  since?: string;
}

/**
 * `pushpull sync github|slack|outlook --once [--out FILE] [--since DATE]`: one incremental sync of
 * one source. Events go to FILE as JSONL with `--out` (appended; ids already in the file are never
 * written again; a successful run creates the file, empty, when nothing is new), to the raw topic otherwise;
 * cursors live in the store, so a second run emits only what is new. Progress and the summary go
 * to `io.stderr` (default: the process's), nothing to stdout. A scope's first sync starts at `--since` (default: 90 days ago).
 *
 * @example await syncCommand('outlook', { once: true, out: 'mail.jsonl', since: '2026-01-01' }, config)
 */
export async function syncCommand(
  source: SyncSource,
  options: SyncOptions,
  config: PushpullConfig,
  io: Pick<CommandStreams, 'stderr'> = processStreams(),
): Promise<number> {
  if (!options.once) {
    throw new Error(
      'only one-off syncs run from the command line: add --once (`pushpull serve` runs the scheduled worker)',
    );
  }
  let since: Date | undefined;
  if (options.since !== undefined) {
    since = new Date(options.since);
    if (!/^\d{4}-\d{2}-\d{2}/.test(options.since) || Number.isNaN(since.getTime())) {
      throw new Error(`--since must be a date like 2026-01-31 (got ${JSON.stringify(options.since)})`);
    }
  }
  // Fails before anything is opened when the source is not configured.
  createSourceConnector(source, config.sources);
  const logger = createLogger(
    config.logLevel === 'info' ? 'warn' : config.logLevel,
    `sync-${source}`,
    io.stderr,
  );
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
    warn: (message) => io.stderr.write(`pushpull: ${message}\n`),
  });
  const bus = options.out
    ? undefined
    : createBus({
        ...(config.kafkaBrokers ? { kafkaBrokers: config.kafkaBrokers } : {}),
        kafkaSecurity: config.kafkaSecurity,
        kafkaClient: config.kafkaClient,
        clientId: `pushpull-sync-${source}`,
      });
  const sink: EventSink = options.out
    ? jsonlFileSink(options.out)
    : busSink(bus!, pipelineNames(config.namespace).raw);
  const abort = new AbortController();
  const onSignal = () => {
    io.stderr.write(`pushpull sync ${source}: stopping after the current page…\n`);
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let lastPrint = 0;
  const progress = (p: SyncProgress) => {
    if (Date.now() - lastPrint < 2000) return;
    lastPrint = Date.now();
    const limit =
      p.rateLimitRemaining === undefined || p.rateLimitRemaining === null
        ? ''
        : `, rate limit left ${p.rateLimitRemaining}`;
    io.stderr.write(
      `pushpull sync ${source}: ${p.scopesDone}/${p.scopesTotal} scopes, ${p.events} events, ${p.requests} requests${limit}${p.note ? ` — ${p.note}` : ''}\n`,
    );
  };
  try {
    // Topics this run may be first to create get the configured partition count, as the services' do.
    await bus?.ensureTopics([pipelineNames(config.namespace).raw], config.topicPartitions);
    const summary = await syncConfiguredSource({
      source,
      sources: config.sources,
      db: store.db,
      sink,
      redisUrl: config.redisUrl,
      since,
      signal: abort.signal,
      onProgress: progress,
      log: (level, fields, message) => logger[level](fields, message),
    });
    // A successful run with `--out` always leaves the file, empty when nothing was new: "no events"
    // differs from "no run" (a failed run writes nothing).
    if (options.out) await sink.write([]);
    for (const s of summary.skipped)
      io.stderr.write(`pushpull sync ${source}: skipped ${s.scope}: ${s.reason}\n`);
    io.stderr.write(
      `pushpull sync ${source}: ${summary.events} events from ${summary.scopes} scopes in ${summary.requests} requests` +
        `${options.out ? ` → ${options.out}` : ` → ${pipelineNames(config.namespace).raw}`}\n`,
    );
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await sink.close();
    await bus?.close();
    await store.close();
  }
}
