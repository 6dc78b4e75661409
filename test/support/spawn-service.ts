import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The compiled CLI, as `npm install` leaves it (the test suites build before they run). */
export const CLI_BIN = 'packages/cli/bin/pushpull.mjs';

/** A service's compiled `main`, as its `npm start` runs it: `services/<name>/dist/main.js`. */
export const serviceMain = (name: string) => `services/${name}/dist/main.js`;

/** A child process running one of the project's entry points, as a deployment would. */
export interface SpawnedProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node <entry> ...args` from the repo root (`node --import tsx` for a `.ts` source) with the
 * given environment (added to a clean copy of this process's PATH/HOME only, so no service URL leaks
 * in by accident).
 *
 * @example spawnEntry(serviceMain('aggregator'), [], { DATABASE_URL, KAFKA_BROKERS })
 */
export function spawnEntry(entry: string, args: string[], env: Record<string, string>): SpawnedProcess {
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, entry, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PUSHPULL_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Polls `check` every `everyMs` until it returns true or the timeout passes. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
