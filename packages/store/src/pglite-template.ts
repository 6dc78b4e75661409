import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

/**
 * Where the initialised-cluster template of this PGlite version is kept: a gzipped tar of a fresh
 * data folder, made once per machine, so that later fresh databases skip `initdb` (seconds each).
 */
export function pgliteTemplatePath(): string {
  return path.join(tmpdir(), 'pushpull-pglite', `cluster-${pgliteVersion()}.tar.gz`);
}

let version: string | undefined;
function pgliteVersion(): string {
  if (version === undefined) {
    try {
      // dist/index.js → the package folder's package.json
      const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
      const pkg = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8'));
      version = String(pkg.version);
    } catch {
      version = 'unknown';
    }
  }
  return version;
}

/**
 * Opens PGlite in `dir`. A folder that holds no cluster yet is filled from the template when there
 * is one (any problem with it falls back to a normal `initdb`); a fresh `initdb` leaves a template
 * for the next time. The template is an empty cluster — migrations still run on every database.
 *
 * @example const pglite = await createPglite('/data/pglite', { parsers });
 */
export async function createPglite(
  dir: string,
  options: PGliteOptions,
  template: string = pgliteTemplatePath(),
): Promise<PGlite> {
  mkdirSync(dir, { recursive: true });
  if (existsSync(path.join(dir, 'PG_VERSION'))) return PGlite.create(dir, options);
  if (existsSync(template)) {
    try {
      return await PGlite.create(dir, { ...options, loadDataDir: new Blob([readFileSync(template)]) });
    } catch {
      // A damaged or foreign template: forget it and initialise the usual way.
      rmSync(template, { force: true });
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
  }
  const pglite = await PGlite.create(dir, options);
  await saveTemplate(pglite, template).catch(() => undefined); // only a speed-up
  return pglite;
}

async function saveTemplate(pglite: PGlite, template: string): Promise<void> {
  if (existsSync(template)) return;
  const dump = await pglite.dumpDataDir('gzip');
  mkdirSync(path.dirname(template), { recursive: true });
  const partial = `${template}.${process.pid}.${Date.now()}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, template); // atomic: readers never see half a template
}
