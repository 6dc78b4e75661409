import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Group and other permission bits: none of them may be set on the embedded database's files. */
const OPEN_BITS = 0o077;

/**
 * Strips the group and other bits from `p` and, for a real directory, from everything under it
 * (symbolic links are neither followed nor changed). Returns how many entries it had to change.
 */
function tighten(p: string): number {
  const st = lstatSync(p);
  if (st.isSymbolicLink()) return 0;
  let changed = 0;
  if ((st.mode & OPEN_BITS) !== 0) {
    chmodSync(p, st.mode & 0o7700 & ~OPEN_BITS);
    changed += 1;
  }
  if (st.isDirectory()) {
    for (const name of readdirSync(p)) changed += tighten(path.join(p, name));
  }
  return changed;
}

/**
 * Makes `dir` the private home of the embedded database: created with mode 0700 (with any missing
 * parent), and when it or anything inside is open to group or others, closed (directories 0700 at
 * most, files 0600 at most), saying so once through `warn` when the folder itself was open, unless
 * `quiet` (used right after PGlite itself wrote files with the process umask). PGlite files created later inside stay unreachable to
 * other users because the folder is 0700; their own bits are tightened at the next open. No-op on a
 * platform without Unix permissions (Windows).
 *
 * @example makePrivateDir('/srv/pushpull/pglite', (m) => logger.warn(m));
 */
export function makePrivateDir(
  dir: string,
  warn: (message: string) => void,
  opts: { quiet?: boolean } = {},
): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.getuid === undefined) return;
  // Only an open folder exposed anything: files of a 0700 folder (e.g. left by a process that died
  // before closing) were out of reach, and are closed without a word.
  const exposed = (lstatSync(dir).mode & OPEN_BITS) !== 0;
  const changed = tighten(dir);
  if (exposed && !opts.quiet) {
    warn(
      `the embedded database folder ${dir} was readable by other users; restricted it to its owner (mode 0700, ${changed} entries changed)`,
    );
  }
}
