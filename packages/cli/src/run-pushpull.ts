import type { SyncSource } from '@pushpull/connectors';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { CliIo, CliOutput } from './cli-io';
import { versionLine } from './version-line';

function int(name: string, min: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
    return n;
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Whether the environment forces colours on or off (NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE), as commander reads it. */
function colourChoice(env: CliIo['env']): boolean | undefined {
  if (env.NO_COLOR || env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.FORCE_COLOR || env.CLICOLOR_FORCE !== undefined) return true;
  return undefined;
}

/** Whether help written to `out` may use colours: commander's rule, on the given streams and environment. */
function hasColours(out: CliOutput, env: CliIo['env']): boolean {
  return colourChoice(env) ?? Boolean(out.isTTY && out.hasColors?.());
}

/** How wide help written to `out` may be: a terminal's width, else 80 (commander's rule). */
function helpWidth(out: CliOutput): number {
  return (out.isTTY ? out.columns : undefined) ?? 80;
}

/** Keeps a long-running command alive until SIGINT/SIGTERM, then stops it cleanly and ends the process. */
function untilSignal(stop: () => Promise<void>, io: CliIo): void {
  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(130);
    stopping = true;
    io.stdout.write('pushpull: stopping…\n');
    stop().then(
      () => process.exit(0),
      async (err) => {
        const { describeError } = await import('@pushpull/runtime');
        io.stderr.write(`pushpull: ${describeError(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/**
 * Runs one `pushpull` command line in this process and returns its exit status: what
 * `bin/pushpull.mjs` runs with the process's streams and environment, and what tests run with their
 * own. Each call builds its own command tree; the configuration is read from `io.env` (never from
 * `process.env`), help, errors and every command's output go to `io`'s streams, and a failing command
 * prints one line `pushpull <command>: <error>` on `io.stderr` and returns 1 instead of ending the
 * process. Only `serve` and `start` outlive the call: they run until SIGINT/SIGTERM end the process.
 *
 * @example const code = await runPushpull(['org', 'export'], { ...processStreams(), env: { PUSHPULL_DATA_DIR: dir } });
 */
export async function runPushpull(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;

  /** The parsed environment. Commands import what they need when they run, so `--help` loads only commander. */
  const environment = async () => {
    const { parseConfig } = await import('@pushpull/config');
    return parseConfig(io.env);
  };

  /** Runs a command body; any error becomes one line on stderr and exit status 1. */
  const run = async (name: string, body: () => Promise<number | undefined>): Promise<void> => {
    try {
      const code = await body();
      if (typeof code === 'number') exitCode = code;
    } catch (err) {
      const { describeError } = await import('@pushpull/runtime');
      io.stderr.write(`pushpull ${name}: ${describeError(err)}\n`);
      exitCode = 1;
    }
  };

  const program = new Command()
    // Before the subcommands, which copy these settings: errors and help go to io, not process.exit.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHelpWidth: () => helpWidth(io.stdout),
      getErrHelpWidth: () => helpWidth(io.stderr),
      getOutHasColors: () => hasColours(io.stdout, io.env),
      getErrHasColors: () => hasColours(io.stderr, io.env),
    })
    .name('pushpull')
    .description('Measure how people and leaders push and pull information at work.')
    .version(versionLine(), '-V, --version', 'print the version of pushpull and of its classifier')
    .showHelpAfterError();

  const simulationOptions = (cmd: Command) =>
    cmd
      .option('--seed <n>', 'seed of the simulated organisation', int('--seed', 0), 42)
      .option('--people <n>', 'people in the simulated organisation', int('--people', 2), 80)
      .option('--days <n>', 'days of simulated activity, ending today', int('--days', 1), 90);

  simulationOptions(
    program
      .command('serve')
      .description('run the pipeline services (connectors, classifier, aggregator, dashboard) in one process')
      .option('--only <list>', 'comma-separated subset: connectors,classifier,aggregator,dashboard')
      .option('--simulate', 'add the simulated organisation as a source'),
  ).action((opts) =>
    run('serve', async () => {
      const { serveCommand } = await import('./serve-command');
      const pipeline = await serveCommand(opts, await environment(), io);
      untilSignal(() => pipeline.stop(), io);
      return undefined;
    }),
  );

  simulationOptions(
    program
      .command('start', { hidden: true })
      .description('what `npm start` runs: serve --simulate unless a source is configured'),
  ).action((opts) =>
    run('start', async () => {
      const [{ serveCommand }, { hasConfiguredSource }] = await Promise.all([
        import('./serve-command'),
        import('@pushpull/config'),
      ]);
      const config = await environment();
      const pipeline = await serveCommand({ ...opts, simulate: !hasConfiguredSource(config) }, config, io);
      untilSignal(() => pipeline.stop(), io);
      return undefined;
    }),
  );

  program
    .command('simulate')
    .description('write a deterministic simulated organisation: org chart, events and ground truth')
    .requiredOption('--seed <n>', 'seed', int('--seed', 0))
    .requiredOption('--people <n>', 'number of people', int('--people', 2))
    .requiredOption('--days <n>', 'days of activity', int('--days', 1))
    .option('--start <date>', 'first day (YYYY-MM-DD, UTC); default: DAYS days before today')
    .requiredOption('--out <file>', 'ActivityEvents as JSONL')
    .requiredOption('--org-out <file>', 'org chart CSV')
    .requiredOption('--truth <file>', 'ground truth JSON')
    .action((opts) =>
      run('simulate', async () => {
        if (opts.start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.start)) {
          throw new Error('--start must be a date YYYY-MM-DD');
        }
        const { simulateCommand } = await import('./simulate-command');
        return simulateCommand(opts, io);
      }),
    );

  program
    .command('ingest')
    .description('publish ActivityEvents from a JSONL file into the pipeline (raw topic)')
    .argument('<file>', 'ActivityEvent JSON Lines: one event per line (not a JSON array)')
    .addHelpText(
      'after',
      `
On the embedded bus it also classifies and aggregates, and returns once everything is stored.
A bad line is reported with its number and a code and skipped; the other lines go through:
  JSON_TOO_LARGE (over 1 MiB), JSON_TOO_DEEP (nested deeper than 64), JSON_INVALID, EVENT_INVALID,
  EVENT_ID_CONFLICT (an earlier line's id with different content: the first is kept, the other is
  sent to <raw topic>.dlq with dlq-reason and dlq-step ingest.dedupe).
A JSON array file is refused as a whole (INPUT_NOT_JSONL).
On Kafka, a broker outage is retried for --retry-for seconds (one line when the bus goes, one when
it is back); past that, ingest stops and names the line to resume from with --from-line N. Events
re-sent on resume are stored once (event ids are the idempotency key).
The last line says how many events were published and how many lines were rejected; the exit status
is 1 if any line was, or if it gave up.`,
    )
    .option(
      '--from-line <n>',
      'skip the first N-1 lines (resume where a run that gave up stopped)',
      int('--from-line', 1),
    )
    .option(
      '--retry-for <seconds>',
      'how long to retry while the bus is unreachable (default 120)',
      int('--retry-for', 0),
    )
    .action((file: string, opts: { fromLine?: number; retryFor?: number }) =>
      run('ingest', async () => {
        const { ingestCommand } = await import('./ingest-command');
        return ingestCommand(
          file,
          await environment(),
          {
            fromLine: opts.fromLine,
            retryForMs: opts.retryFor === undefined ? undefined : opts.retryFor * 1000,
          },
          io,
        );
      }),
    );

  program
    .command('classify')
    .description(
      'label ActivityEvent JSONL (stdin or --input) as LabeledEvent JSONL on stdout; no services needed',
    )
    .requiredOption('--org <file>', 'org chart CSV')
    .addOption(
      new Option('--org-domain <domain>', 'an extra email domain of the organisation (repeatable)')
        .argParser(collect)
        .default([]),
    )
    .option('--input <file>', 'read events from this file instead of stdin')
    .option('--identities <file>', 'manual identity overrides, CSV kind,value,email')
    .addHelpText(
      'after',
      `
A bad line is reported on stderr with its number and a code and skipped; the rest is still
classified and the exit status is 1: JSON_TOO_LARGE (over 1 MiB), JSON_TOO_DEEP (nested deeper than
64), JSON_INVALID, EVENT_INVALID, EVENT_ID_CONFLICT (an earlier line's id with different content;
the first is labeled). A JSON array input is refused as a whole (INPUT_NOT_JSONL). The org chart
must have the email and manager_email columns (ORG_CSV_MISSING_COLUMN).`,
    )
    .action((opts) =>
      run('classify', async () => (await import('./classify-command')).classifyCommand(opts, io)),
    );

  program
    .command('sync')
    .description('one incremental sync of a source into the pipeline (or a file); cursors live in the store')
    .argument('<source>', 'github, slack or outlook')
    .option('--once', 'run one sync and exit (required from the command line)')
    .option('--out <file>', 'write the ActivityEvents as JSONL to FILE instead of publishing them')
    .option('--since <date>', 'where the first sync of a scope starts (default: 90 days ago)')
    .action((source: string, opts) =>
      run(`sync ${source}`, async () => {
        const { SYNC_SOURCES } = await import('@pushpull/connectors');
        if (!(SYNC_SOURCES as readonly string[]).includes(source)) {
          throw new Error(`unknown source ${JSON.stringify(source)}; choose from ${SYNC_SOURCES.join(', ')}`);
        }
        const { syncCommand } = await import('./sync-command');
        return syncCommand(source as SyncSource, opts, await environment(), io);
      }),
    );

  program
    .command('reclassify')
    .description(
      'label stored events again with this classifier version, replacing their facts and rollups (no double counting)',
    )
    .option(
      '--input <file>',
      'ActivityEvent JSONL to reclassify (needed on the embedded bus); default: re-read the raw Kafka topic',
    )
    .action((opts: { input?: string }) =>
      run('reclassify', async () => {
        const { reclassifyCommand } = await import('./reclassify-command');
        return reclassifyCommand(opts.input ? { input: opts.input } : {}, await environment(), io);
      }),
    );

  program
    .command('report')
    .description(
      'the quarterly leadership review of a leader (--leader) or of every leader (--org): figures with volumes and intervals, bands, weekly trend, team culture, reasons as counts; never message text',
    )
    .option('--leader <email>', "one leader's review: the leader's email, as in the org chart")
    .option(
      '--org',
      'every leader on one page, with department roll-ups and the previous period beside each figure; with --out, also one file per leader',
    )
    .requiredOption(
      '--period <period>',
      'a preset: YYYY-Qn (e.g. 2026-Q3), YYYY-MM, YYYY-Www, last-30d, last-90d or last-365d',
    )
    .option(
      '--format <format>',
      'md or csv (text), html (one self-contained page with the charts) or pdf (A4, printed by Chromium)',
      'md',
    )
    .option(
      '--out <dir>',
      'write the files into DIR (created if missing) instead of stdout: <email>-<period>.<format>, org-<period>.<format>',
    )
    .addHelpText(
      'after',
      `
Examples:
  pushpull report --leader lea@acme.io --period 2026-Q3                   Markdown on stdout
  pushpull report --leader lea@acme.io --period 2026-Q3 --format html > lea.html
  pushpull report --org --period 2026-Q3 --format pdf --out reviews/      the whole review cycle, one PDF per leader

Each ratio is shown as the share corrected for the classifier's known errors with its 90% interval, e.g.
"72% (58–83%)", the raw share beside it, and the previous period's figure (md and csv: after the figures as
labelled). Below the minimum volume, or with too wide an interval, it reads "not enough data". No message text.
pdf needs Chromium at /usr/bin/chromium (or PUSHPULL_CHROMIUM).`,
    )
    .action((opts: { leader?: string; org?: boolean; period: string; format: string; out?: string }) =>
      run('report', async () => {
        const { reportCommand, reportIo } = await import('./report-command');
        const env = await environment();
        return reportCommand(opts, env, reportIo(io));
      }),
    );

  const org = program.command('org').description('the org chart');
  org
    .command('import')
    .description(
      'load or update the org chart from a CSV file (all or nothing); names who has no manager besides the top',
    )
    .argument(
      '<file>',
      'org chart CSV: email,name,manager_email,title,department,github_login,slack_id,valid_from (email and manager_email required; an empty manager_email is the top of a tree)',
    )
    .action((file: string) =>
      run('org import', async () =>
        (await import('./org-command')).orgImportCommand(file, await environment(), io),
      ),
    );
  const identities = org
    .command('identities')
    .description(
      'list every tool account linked to a person, with its provenance (org-csv, manual); ambiguous identities are listed on stderr',
    )
    .option('--ambiguous', 'list only the identities whose accounts point to different people (CSV)')
    .action((opts: { ambiguous?: boolean }) =>
      run('org identities', async () =>
        (await import('./org-command')).identitiesListCommand(await environment(), opts, io),
      ),
    );
  identities
    .command('import')
    .description('replace the manual identity overrides from a CSV file: kind,value,email')
    .argument('<file>', 'CSV kind,value,email — kind is email, github_login, github_id, slack_id or graph_id')
    .action((file: string) =>
      run('org identities import', async () =>
        (await import('./org-command')).identitiesImportCommand(file, await environment(), io),
      ),
    );
  org
    .command('export')
    .description('print the current org chart as CSV')
    .action(() =>
      run('org export', async () =>
        (await import('./org-command')).orgExportCommand(await environment(), io),
      ),
    );

  const users = program.command('users').description('dashboard logins (admin, analyst, leader)');
  users
    .command('add')
    .description(
      'create or update a dashboard login; the password is generated and printed once unless --password-stdin',
    )
    .argument('<username>', 'login name')
    .requiredOption('--role <role>', 'admin, analyst or leader')
    .option(
      '--person <email>',
      'the person in the org chart (required for leaders: they see their own page and teams)',
    )
    .option('--password-stdin', 'read the password from the first line of stdin (at least 10 characters)')
    .action((username: string, opts) =>
      run('users add', async () =>
        (await import('./users-command')).usersAddCommand(username, opts, await environment(), io),
      ),
    );
  users
    .command('remove')
    .description('delete a dashboard login; its sessions end on their next request')
    .argument('<username>', 'login name')
    .action((username: string) =>
      run('users remove', async () =>
        (await import('./users-command')).usersRemoveCommand(username, await environment(), io),
      ),
    );

  const person = program.command('person').description("a person's data (erasure)");
  person
    .command('erase')
    .description(
      'delete every row that names or keys a person, re-derive the aggregates they touched, and drop their events from later syncs and ingests',
    )
    .argument('<email>', "the person's email address, as in the org chart")
    .option('--yes', 'do not ask to type the address again (scripts)')
    .addHelpText(
      'after',
      `
In one transaction: facts where the person acts or is a counterpart (with their edges), their rollups
(the other people's rollups of those days re-derived), the classifier's conversation state, identity
conflicts, account links, org chart rows (their reports then report to the person's own manager),
dashboard logins tied to them and sync cursors naming the address. Their accounts (address, GitHub,
Slack, Graph ids) are kept as keyed hashes only (HMAC-SHA256 under the installation key) in the
suppression list: later syncs and ingests drop events involving them. One audit row (pushpull audit)
with the hash and the counts. Prints counts, never the address.
Embedded mode: refuses while pushpull start/serve serves the data folder (ERASE_DATA_DIR_SERVED): stop
it, erase, start again. Without --yes, a terminal is asked to type the address again; anything else
needs --yes (ERASE_NOT_CONFIRMED).`,
    )
    .action((email: string, opts: { yes?: boolean }) =>
      run('person erase', async () =>
        (await import('./person-command')).personEraseCommand(
          email,
          opts,
          await environment(),
          undefined,
          (line) => io.stdout.write(`${line}\n`),
          io,
        ),
      ),
    );

  program
    .command('audit')
    .description(
      'list the audit log: erasures, retention runs and dashboard views of named people, subjects as keyed hashes only',
    )
    .option('--since <date>', 'only rows at or after this date (YYYY-MM-DD, UTC) or ISO 8601 time')
    .option('--format <format>', 'table or json', 'table')
    .action((opts: { since?: string; format?: string }) =>
      run('audit', async () =>
        (await import('./audit-command')).auditCommand(opts, await environment(), (text) =>
          io.stdout.write(text),
        ),
      ),
    );

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    // Help, --version and usage errors: commander has written them to io and says how to exit.
    if (err instanceof CommanderError) return err.exitCode;
    throw err;
  }
  return exitCode;
}
