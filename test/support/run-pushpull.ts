import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../packages/cli/bin/pushpull.mjs', import.meta.url));

/**
 * A scratch folder for a suite that runs the built `pushpull` command in it, with its embedded data in
 * `data/`: `run(args)` runs it there (clean environment: PATH and HOME only) and returns its status and
 * output; `remove()` deletes the folder.
 *
 * @example const cli = pushpullIn('csv'); afterAll(cli.remove); cli.run(['org', 'export']).stdout
 */
export function pushpullIn(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `pushpull-${name}-`));
  return {
    dir,
    run(args: string[]) {
      const r = spawnSync(process.execPath, [BIN, ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          PUSHPULL_DATA_DIR: join(dir, 'data'),
        },
        timeout: 90_000,
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
