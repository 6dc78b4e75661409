import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/pushpull.mjs', import.meta.url));

/**
 * Test helper: runs the `pushpull` CLI in a child process with a clean environment (embedded
 * services) plus `env`, and returns its exit status and output.
 *
 * @example const r = runCli(['report', '--help'], { PUSHPULL_DATA_DIR: dir }); r.code // 0
 */
export function runCli(args: string[], env: Record<string, string>, input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
