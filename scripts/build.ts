/**
 * `npm run build`: compiles the CLI and each service's `main` into JavaScript that plain Node 20.19+
 * and 24 run (`packages/cli/dist/`, `services/<name>/dist/`), with source maps, the classifier's
 * weights and the dashboard's web assets beside the code. `npm install` runs it (the root `prepare`),
 * and so do `npm start` and the test suites, so a build never lags behind the sources.
 *
 * Usage: npm run build [-- --quiet]
 */
import { fileURLToPath } from 'node:url';
import { ensureWebBundle } from '../services/dashboard/src/web-bundle';
import { APPS } from './build/apps';
import { buildApp } from './build/build-app';

const root = fileURLToPath(new URL('..', import.meta.url));
const quiet = process.argv.includes('--quiet');
const say = (line: string) => {
  if (!quiet) process.stdout.write(`${line}\n`);
};

let web: Promise<string> | undefined;
const webDist = () => {
  web ??= ensureWebBundle();
  return web;
};

const started = performance.now();
for (const app of APPS) {
  const t0 = performance.now();
  try {
    const built = await buildApp(root, app, webDist);
    say(
      `build: ${built.name.padEnd(26)} ${(built.codeBytes / 1024).toFixed(0).padStart(5)} KiB of code` +
        `${built.assets.length > 0 ? ` + ${built.assets.join(', ')}` : ''} → ${built.dir.slice(root.length)} ` +
        `(${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
  } catch (err) {
    process.stderr.write(
      `build: ${app.name} (${app.entry}) failed: ${err instanceof Error ? err.message : err}\n`,
    );
    process.exit(1);
  }
}
say(`build: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
