import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { makePrivateDir } from './private-data-dir';

/**
 * The folder of this user's initialised-cluster templates: `${tmpdir}/pushpull-pglite-<uid>`, created
 * mode 0700. Before a template in it is read or written, the folder must be a real directory (not a
 * link) owned by the current user and closed to group and others ({@link isPrivateDir}); anything else
 * (another user planted it, or opened it up) is refused and no template is used.
 */
export function pgliteTemplateDir(): string {
  const uid = process.getuid?.();
  return path.join(tmpdir(), uid === undefined ? 'pushpull-pglite' : `pushpull-pglite-${uid}`);
}

/**
 * Where the initialised-cluster template of this PGlite version is kept: a gzipped tar of a fresh
 * data folder, made once per user and machine, so that later fresh databases skip `initdb` (seconds
 * each). It lives in {@link pgliteTemplateDir}, never in a folder other users may write.
 */
export function pgliteTemplatePath(): string {
  return path.join(pgliteTemplateDir(), `cluster-${pgliteVersion()}.tar.gz`);
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
 * True when `p` is a real directory (a symbolic link is not), owned by the current user, that group
 * and others can neither read, write nor enter. On a platform without uids (Windows) only "a real
 * directory" is checked: there the temp folder is already per user.
 */
export function isPrivateDir(p: string): boolean {
  try {
    const st = lstatSync(p);
    if (!st.isDirectory()) return false;
    const uid = process.getuid?.();
    if (uid === undefined) return true;
    return st.uid === uid && (st.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

/** A template file we may trust: a regular file (not a link) of ours that nobody else may write. */
function isOwnFile(p: string): boolean {
  try {
    const st = lstatSync(p);
    if (!st.isFile()) return false;
    const uid = process.getuid?.();
    return uid === undefined || (st.uid === uid && (st.mode & 0o022) === 0);
  } catch {
    return false;
  }
}

/** Creates the template folder 0700 when missing; true when it is (now) private and usable. */
function templateFolderReady(folder: string): boolean {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
  } catch {
    return false;
  }
  return isPrivateDir(folder);
}

/**
 * Opens PGlite in `dir`, a folder kept private (mode 0700, see `makePrivateDir`). A folder that holds
 * no cluster yet is filled from the template when there is one in a private folder of this user (any
 * problem with it falls back to a normal `initdb`; a template in a folder that is not private is never
 * read nor written); a fresh `initdb` leaves a template for the next time. The template is an empty
 * cluster — migrations still run on every database.
 *
 * @example const pglite = await createPglite('/data/pglite', { parsers });
 */
export async function createPglite(
  dir: string,
  options: PGliteOptions,
  template: string = pgliteTemplatePath(),
  warn: (message: string) => void = () => {},
): Promise<PGlite> {
  makePrivateDir(dir, warn);
  if (existsSync(path.join(dir, 'PG_VERSION'))) return PGlite.create(dir, options);
  const trusted = templateFolderReady(path.dirname(template));
  if (trusted && isOwnFile(template)) {
    try {
      const pglite = await PGlite.create(dir, {
        ...options,
        loadDataDir: new Blob([readFileSync(template)]),
      });
      makePrivateDir(dir, warn, { quiet: true });
      return pglite;
    } catch {
      // A damaged or foreign template: forget it and initialise the usual way.
      rmSync(template, { force: true });
      rmSync(dir, { recursive: true, force: true });
      makePrivateDir(dir, warn);
    }
  }
  const pglite = await PGlite.create(dir, options);
  makePrivateDir(dir, warn, { quiet: true });
  if (trusted) await saveTemplate(pglite, template).catch(() => undefined); // only a speed-up
  return pglite;
}

async function saveTemplate(pglite: PGlite, template: string): Promise<void> {
  if (existsSync(template)) return;
  const dump = await pglite.dumpDataDir('gzip');
  const partial = `${template}.${process.pid}.${Date.now()}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()), { mode: 0o600, flag: 'wx' });
  chmodSync(partial, 0o600);
  renameSync(partial, template); // atomic: readers never see half a template
}
