import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PushpullError } from '@pushpull/core';

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message}` : String(err);
}

/**
 * Makes sure `dir` exists (created with its parents when missing) and can be written to, before any
 * review is computed. Returns its absolute path. Throws PushpullError `REPORT_OUT_UNWRITABLE` naming
 * the directory.
 *
 * @example const dir = prepareOutDir('reviews/2026-Q3');
 */
export function prepareOutDir(dir: string): string {
  const abs = resolve(dir);
  try {
    mkdirSync(abs, { recursive: true });
    accessSync(abs, constants.W_OK);
  } catch (err) {
    throw new PushpullError(
      'REPORT_OUT_UNWRITABLE',
      `--out ${dir}: the directory cannot be written (${reason(err)})`,
      { dir: abs },
      { cause: err },
    );
  }
  return abs;
}

/**
 * The file name of one review: `<email or "org">-<period>.<ext>`, with anything but letters, digits
 * and `@._+-` replaced by `_`.
 *
 * @example reviewFileName('lea@acme.io', '2026-Q3', 'pdf') // 'lea@acme.io-2026-Q3.pdf'
 */
export function reviewFileName(who: string, period: string, ext: string): string {
  const safe = (s: string) => s.trim().replace(/[^A-Za-z0-9@._+-]/g, '_');
  return `${safe(who)}-${safe(period)}.${ext}`;
}

/**
 * Writes one review file into `dir`; returns its path. Throws PushpullError `REPORT_OUT_UNWRITABLE`
 * naming the directory and the file.
 *
 * @example writeReviewFile(dir, 'org-2026-Q3.html', html)
 */
export function writeReviewFile(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  try {
    writeFileSync(path, content);
  } catch (err) {
    throw new PushpullError(
      'REPORT_OUT_UNWRITABLE',
      `--out ${dir}: cannot write ${name} (${reason(err)})`,
      { dir, file: path },
      { cause: err },
    );
  }
  return path;
}
