/**
 * The one error class of pushpull. Every error a person may read carries a stable `code`,
 * a one-line message naming what and where, optional context, and the underlying `cause`.
 *
 * @example
 * throw new PushpullError('CONFIG_INVALID', 'DATABASE_URL: not a postgres:// URL', { variable: 'DATABASE_URL' });
 */
export class PushpullError extends Error {
  override readonly name = 'PushpullError';
  constructor(
    readonly code: string,
    message: string,
    readonly context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `err` is a PushpullError with the given code. */
export function isPushpullError(err: unknown, code?: string): err is PushpullError {
  return err instanceof PushpullError && (code === undefined || err.code === code);
}

/**
 * What kind of error `err` is, without its message: its name and code (`SyntaxError`, `TypeError ERR_X`).
 * For reasons printed about input that may hold message text, where an error's message could quote it.
 *
 * @example errorKind(new TypeError('bad "secret"')) // 'TypeError'
 */
export function errorKind(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,60}$/.test(code) ? `${err.name} ${code}` : err.name;
}
