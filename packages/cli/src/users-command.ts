import { randomBytes } from 'node:crypto';
import type { PushpullConfig } from '@pushpull/config';
import { addUser } from '@pushpull/service-all-in-one';
import { openStore } from '@pushpull/store';

/** Options of `pushpull users add`. */
export interface UsersAddOptions {
  role: string;
  person?: string;
  passwordStdin?: boolean;
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/**
 * `pushpull users add USERNAME --role admin|analyst|leader [--person EMAIL] [--password-stdin]`:
 * creates (or updates) a dashboard login. The password is read from stdin, or generated and
 * printed once; only its scrypt hash is stored.
 */
export async function usersAddCommand(
  username: string,
  options: UsersAddOptions,
  config: PushpullConfig,
  read: () => Promise<string> = readStdinLine,
): Promise<number> {
  const password = options.passwordStdin ? await read() : randomBytes(15).toString('base64url');
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
  });
  try {
    const { personId } = await addUser(store, {
      username,
      password,
      role: options.role,
      personEmail: options.person,
    });
    process.stdout.write(
      `pushpull users add: ${username} (${options.role}${personId ? `, ${personId}` : ''}) saved\n`,
    );
    if (!options.passwordStdin) process.stdout.write(`password (shown once): ${password}\n`);
  } finally {
    await store.close();
  }
  return 0;
}
