import { randomBytes } from 'node:crypto';
import type { PushpullConfig } from '@pushpull/config';
import { PushpullError } from '@pushpull/core';
import {
  addUser,
  checkUserInput,
  deleteUser,
  hashPassword,
  type UserChangeResult,
  UserInbox,
  userInboxDir,
} from '@pushpull/service-all-in-one';
import { openStore, type Store } from '@pushpull/store';
import { type CommandStreams, processStreams } from './cli-io';

/** Options of `pushpull users add`. */
export interface UsersAddOptions {
  role: string;
  person?: string;
  passwordStdin?: boolean;
}

/** How long a command waits for a running embedded pushpull to apply its change. */
const RUNNING_ANSWER_MS = 30_000;

async function readStdinLine(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a login change where it takes effect at once: with Postgres (or an embedded data folder no process
 * serves) on the store itself; with an embedded data folder that a running `pushpull serve` holds, through
 * that process's inbox (PGlite is one process's database: a second writer's changes would be lost), waiting
 * for its answer.
 */
async function changeUsers(
  config: PushpullConfig,
  io: Pick<CommandStreams, 'stderr'>,
  direct: (store: Store) => Promise<{ personId: string | null }>,
  queued: () => Parameters<UserInbox['submit']>[0],
): Promise<{ personId: string | null }> {
  if (!config.databaseUrl) {
    const inbox = new UserInbox(userInboxDir(config.dataDir));
    const pid = inbox.servingPid();
    if (pid !== null) return answerOf(await awaitResult(inbox, inbox.submit(queued()), pid));
  }
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
    warn: (message) => io.stderr.write(`pushpull: ${message}\n`),
  });
  try {
    return await direct(store);
  } finally {
    await store.close();
  }
}

async function awaitResult(inbox: UserInbox, id: string, pid: number): Promise<UserChangeResult> {
  for (let waited = 0; waited <= RUNNING_ANSWER_MS; waited += 50) {
    const result = inbox.takeResult(id);
    if (result) return result;
    await sleep(50);
  }
  throw new PushpullError(
    'USER_CHANGE_PENDING',
    `the running pushpull (pid ${pid}) has not applied the change yet; it applies it on its next request`,
    { pid },
  );
}

function answerOf(result: UserChangeResult): { personId: string | null } {
  if (!result.ok) throw new PushpullError(result.code, result.message);
  return { personId: result.personId };
}

/**
 * `pushpull users add USERNAME --role admin|analyst|leader [--person EMAIL] [--password-stdin]`:
 * creates (or updates) a dashboard login. The password is read from stdin, or generated and
 * printed once; only its scrypt hash is stored. A new role or password reaches the user's live sessions
 * and Basic clients on their next request, also while an embedded `pushpull serve` runs. Reads the password
 * with `read` (default: the first line of `io.stdin`), writes to `io.stdout`.
 */
export async function usersAddCommand(
  username: string,
  options: UsersAddOptions,
  config: PushpullConfig,
  io: CommandStreams = processStreams(),
  read: () => Promise<string> = () => readStdinLine(io.stdin),
): Promise<number> {
  const password = options.passwordStdin ? await read() : randomBytes(15).toString('base64url');
  const input = { username, password, role: options.role, personEmail: options.person };
  checkUserInput(input);
  const passwordHash = await hashPassword(password);
  const { personId } = await changeUsers(
    config,
    io,
    (store) => addUser(store, input),
    () => ({ op: 'put', username, passwordHash, role: options.role, personEmail: options.person ?? null }),
  );
  io.stdout.write(
    `pushpull users add: ${username} (${options.role}${personId ? `, ${personId}` : ''}) saved\n`,
  );
  if (!options.passwordStdin) io.stdout.write(`password (shown once): ${password}\n`);
  return 0;
}

/**
 * `pushpull users remove USERNAME`: deletes a dashboard login; its sessions and Basic clients are refused
 * from their next request on. `USER_NOT_FOUND` when there is no such login.
 */
export async function usersRemoveCommand(
  username: string,
  config: PushpullConfig,
  io: Pick<CommandStreams, 'stdout' | 'stderr'> = processStreams(),
): Promise<number> {
  await changeUsers(
    config,
    io,
    async (store) => {
      await deleteUser(store, username);
      return { personId: null };
    },
    () => ({ op: 'remove', username }),
  );
  io.stdout.write(`pushpull users remove: ${username} removed\n`);
  return 0;
}
