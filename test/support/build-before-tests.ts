import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: compiles the CLI and the services (`npm run build`) before any suite runs, so
 * the suites that start `pushpull` or a service's `main` as a child process run the compiled code of
 * the sources under test, never a stale build. `PUSHPULL_TESTS_BUILT=1` skips it for a second test run
 * beside one that already built the same sources (CI's unit suites on Node 24): a build swaps `dist/`
 * folders, and a CLI or service the other run spawned at that moment would find its files gone.
 */
export default function buildBeforeTests(): void {
  if (process.env.PUSHPULL_TESTS_BUILT === '1') return;
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--quiet'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    throw new Error(`npm run build failed before the tests (exit ${r.status}):\n${r.stderr}${r.stdout}`);
  }
}
