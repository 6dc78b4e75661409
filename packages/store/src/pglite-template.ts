import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
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
 * Where a cluster template of this PGlite version is kept: a closed PGlite data folder that fresh
 * databases are copied from, so that they skip `initdb` and, for a `key` naming a schema, the
 * migrations too (seconds each). It lives in {@link pgliteTemplateDir}, never in a folder other users
 * may write. `key` tells templates apart (`empty`, or a fingerprint of the migrations they ran).
 */
export function pgliteTemplatePath(key = 'empty'): string {
  return path.join(pgliteTemplateDir(), `cluster-${pgliteVersion()}-${key}`);
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

/** A template we may copy: a real directory (not a link) of ours holding a cluster. */
function isOwnCluster(p: string): boolean {
  try {
    const st = lstatSync(p);
    if (!st.isDirectory()) return false;
    const uid = process.getuid?.();
    if (uid !== undefined && st.uid !== uid) return false;
    return existsSync(path.join(p, 'PG_VERSION'));
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

/** How long a template of another version or key is kept beside the one in use. */
const STALE_TEMPLATE_MS = 24 * 3600_000;

/**
 * Opens PGlite in `dir`, a folder kept private (mode 0700, see `makePrivateDir`). A folder that holds
 * no cluster yet is copied from the template `template` when its folder is private to this user; a
 * missing template is made first (a fresh `initdb` in a folder of its own, then `prepare` — e.g. the
 * migrations —, closed and renamed into place whole). Any problem with the template falls back to a
 * normal `initdb` in `dir`; a template in a folder that is not private is never read nor written
 * (then `prepare` is not run either: the caller migrates as always).
 *
 * @example const pglite = await createPglite('/data/pglite', { parsers });
 */
export async function createPglite(
  dir: string,
  options: PGliteOptions,
  template: string = pgliteTemplatePath(),
  warn: (message: string) => void = () => {},
  prepare: (pglite: PGlite) => Promise<void> = async () => {},
): Promise<PGlite> {
  makePrivateDir(dir, warn);
  if (existsSync(path.join(dir, 'PG_VERSION'))) return PGlite.create(dir, options);
  if (templateFolderReady(path.dirname(template))) {
    try {
      if (!isOwnCluster(template)) await makeTemplate(template, options, prepare);
      cpSync(template, dir, { recursive: true });
      const pglite = await PGlite.create(dir, options);
      makePrivateDir(dir, warn, { quiet: true });
      return pglite;
    } catch {
      // A damaged template, or none could be made: forget it and initialise the usual way.
      rmSync(template, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
      makePrivateDir(dir, warn);
    }
  }
  const pglite = await PGlite.create(dir, options);
  makePrivateDir(dir, warn, { quiet: true });
  return pglite;
}

async function makeTemplate(
  template: string,
  options: PGliteOptions,
  prepare: (pglite: PGlite) => Promise<void>,
): Promise<void> {
  const partial = `${template}.${process.pid}.${Date.now()}.partial`;
  try {
    mkdirSync(partial, { mode: 0o700 });
    const pglite = await PGlite.create(partial, options);
    try {
      await prepare(pglite);
    } finally {
      await pglite.close();
    }
    try {
      renameSync(partial, template); // whole: readers never see half a template
    } catch (err) {
      if (!isOwnCluster(template)) throw err; // another process made it meanwhile: use theirs
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  pruneTemplates(path.dirname(template), path.basename(template));
}

/** Removes this folder's templates other than `keep` (and leftovers of failed makes) older than a day. */
function pruneTemplates(folder: string, keep: string): void {
  for (const name of readdirSync(folder)) {
    if (name === keep || !name.startsWith('cluster-')) continue;
    const p = path.join(folder, name);
    try {
      if (Date.now() - lstatSync(p).mtimeMs > STALE_TEMPLATE_MS) rmSync(p, { recursive: true, force: true });
    } catch {
      // gone meanwhile
    }
  }
}
