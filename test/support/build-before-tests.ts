import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: compiles the CLI and the services (`npm run build`) before any suite runs, so
 * the suites that start `pushpull` or a service's `main` as a child process run the compiled code of
 * the sources under test, never a stale build.
 */
export default function buildBeforeTests(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--quiet'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    throw new Error(`npm run build failed before the tests (exit ${r.status}):\n${r.stderr}${r.stdout}`);
  }
}
