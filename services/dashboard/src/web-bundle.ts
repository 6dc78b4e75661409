import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledAssetUrl, isBundled, PushpullError } from '@pushpull/core';

/** The web UI's folder (sources, vite config) and where its bundle is built. */
export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');
const STAMP = '.source-hash';

/** The built UI held in memory: path ('/index.html', '/assets/…') → bytes and content type. */
export type WebBundle = Map<string, { body: Buffer; type: string }>;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

function listFiles(dir: string, skip: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (skip(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full, skip));
    else out.push(full);
  }
  return out;
}

/** A hash of the UI's sources: a bundle built from other sources is rebuilt. */
function sourceHash(webDir: string): string {
  const h = createHash('sha256');
  for (const file of listFiles(
    webDir,
    (n) => n === 'dist' || n.startsWith('dist-') || n === 'node_modules',
  )) {
    h.update(path.relative(webDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return h.digest('hex');
}

/**
 * Makes sure `web/dist` holds a bundle built from the current sources, building it with Vite when
 * it is missing or stale (a fresh clone, or after editing the UI). Builds go to a temporary folder
 * that is renamed into place, so concurrent starts never serve a half-written bundle. A compiled build
 * (`npm run build`) serves the assets it was built with and never starts Vite.
 *
 * @example await ensureWebBundle(); // then loadWebBundle()
 */
export async function ensureWebBundle(webDir: string = WEB_DIR): Promise<string> {
  if (isBundled() && webDir === WEB_DIR) return builtWebBundle();
  const dist = path.join(webDir, 'dist');
  const hash = sourceHash(webDir);
  const stampFile = path.join(dist, STAMP);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return dist;
  const tmp = path.join(webDir, `dist-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const { build } = await import('vite');
    await build({
      configFile: path.join(webDir, 'vite.config.ts'),
      root: webDir,
      logLevel: 'warn',
      build: { outDir: tmp, emptyOutDir: true },
    });
    writeFileSync(path.join(tmp, STAMP), hash);
    // another process may have built the same sources meanwhile: keep whichever is in place
    if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return dist;
    rmSync(dist, { recursive: true, force: true });
    renameSync(tmp, dist);
    return dist;
  } catch (err) {
    if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return dist;
    throw new PushpullError(
      'DASHBOARD_BUILD_FAILED',
      `cannot build the dashboard UI in ${webDir}: ${err instanceof Error ? err.message : String(err)}`,
      { webDir },
      { cause: err },
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The web assets a compiled build (`npm run build`) carries in `dist/assets/web`: no Vite at run time.
 * Missing ones are DASHBOARD_NOT_BUILT, naming the folder.
 */
function builtWebBundle(): string {
  const dir = fileURLToPath(bundledAssetUrl('web'));
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new PushpullError(
      'DASHBOARD_NOT_BUILT',
      `the dashboard's web assets are missing from ${dir} (rebuild with npm run build)`,
      { dir },
    );
  }
  return dir;
}

/**
 * Reads a built bundle into memory.
 *
 * @example const bundle = loadWebBundle(await ensureWebBundle());
 */
export function loadWebBundle(dist: string): WebBundle {
  const bundle: WebBundle = new Map();
  for (const file of listFiles(dist, (n) => n === STAMP)) {
    const rel = `/${path.relative(dist, file).split(path.sep).join('/')}`;
    bundle.set(rel, {
      body: readFileSync(file),
      type: TYPES[path.extname(file)] ?? 'application/octet-stream',
    });
  }
  return bundle;
}
