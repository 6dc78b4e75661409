import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import type { PushpullConfig } from '@pushpull/config';
import { PushpullError } from '@pushpull/core';
import { UserInbox, userInboxDir } from '@pushpull/service-all-in-one';
import { type ErasePersonResult, erasePerson, openStore } from '@pushpull/store';
import { type CommandStreams, processStreams } from './cli-io';

/** Options of `pushpull person erase`. */
export interface PersonEraseOptions {
  /** Erase without asking (scripts). Without it, a terminal is asked to type the address again. */
  yes?: boolean;
}

/** Who runs a command, for the audit log: `cli:<OS user>`, or `cli` when the OS does not say. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** Asks a terminal (`io.stdin`, prompting on `io.stderr`) to type the address again; true when it matches. */
async function confirmOnTerminal(address: string, io: CommandStreams): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const answer = await rl.question(
      'pushpull person erase: this deletes every fact, rollup, org row, identity link and login of this person and cannot be undone.\nType the address again to erase it: ',
    );
    return answer.trim().toLowerCase() === address;
  } finally {
    rl.close();
  }
}

/**
 * `pushpull person erase EMAIL [--yes]`: erases a person in one transaction (`erasePerson` of
 * @pushpull/store: facts, edges, rollups re-derived, conversation state, identity links, org rows,
 * logins, cursors), suppresses their accounts so later syncs and ingests drop their events, and writes
 * a `person.erase` audit row with the address's keyed hash. Prints counts only, never the address.
 *
 * Embedded mode: PGlite is one process's database, so while a `pushpull start|serve` serves the data
 * folder the command refuses (`ERASE_DATA_DIR_SERVED`): stop pushpull, erase, start it again. With
 * Postgres it runs beside the services. Without `--yes` and without `confirm`, `io.stdin` must be a terminal
 * (asked on `io.stderr`); the counts go to `out` (default: `io.stdout`).
 *
 * @example await personEraseCommand('lea@acme.io', { yes: true }, config) // 0
 */
export async function personEraseCommand(
  email: string,
  options: PersonEraseOptions,
  config: PushpullConfig,
  confirm?: (address: string) => Promise<boolean>,
  out?: (line: string) => void,
  io: CommandStreams = processStreams(),
): Promise<number> {
  const say = out ?? ((line: string) => io.stdout.write(`${line}\n`));
  const address = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) {
    throw new PushpullError('ERASE_BAD_ADDRESS', 'EMAIL must be an email address (name@domain)');
  }
  if (!config.databaseUrl) {
    const pid = new UserInbox(userInboxDir(config.dataDir)).servingPid();
    if (pid !== null) {
      throw new PushpullError(
        'ERASE_DATA_DIR_SERVED',
        `the data folder ${config.dataDir} is served by a running pushpull (pid ${pid}); stop pushpull first, erase, then start it again`,
        { pid },
      );
    }
  }
  if (!options.yes) {
    if (!confirm && !io.stdin.isTTY) {
      throw new PushpullError('ERASE_NOT_CONFIRMED', 'not a terminal: pass --yes to erase without a prompt');
    }
    if (!(await (confirm ?? ((a: string) => confirmOnTerminal(a, io)))(address))) {
      throw new PushpullError('ERASE_NOT_CONFIRMED', 'the address typed did not match; nothing was erased');
    }
  }
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
    warn: (message) => io.stderr.write(`pushpull: ${message}\n`),
  });
  let result: ErasePersonResult;
  try {
    result = await erasePerson(store.db, { email: address, actor: cliActor() });
  } finally {
    await store.close();
  }
  say(`pushpull person erase: done (audit subject ${result.subjectHash.slice(0, 12)}…)`);
  say(
    `  deleted: ${result.facts} facts, ${result.rollupRows} of their rollup rows, ${result.conversationRows} conversation rows, ` +
      `${result.identityConflicts} identity conflicts, ${result.accounts} account links, ${result.orgRows} org rows, ` +
      `${result.logins} logins, ${result.cursors} sync cursors`,
  );
  say(
    `  re-derived: ${result.rederivedDays} person-days of other people's rollups; ${result.reportsMoved} org rows of reports now name the erased person's manager`,
  );
  say(`  suppressed: ${result.suppressed} new account hashes; later syncs and ingests drop their events`);
  return 0;
}
