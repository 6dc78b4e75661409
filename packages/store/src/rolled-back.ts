import { PushpullError } from '@pushpull/core';

/**
 * The error a store write throws when its transaction rolled back: a `PushpullError` thrown inside
 * passes through as it is; anything else becomes `STORE_WRITE_FAILED` naming the operation (and what it
 * was writing), with the cause kept.
 *
 * @example try { … } catch (err) { throw rolledBack('applyRetention', err); }
 */
export function rolledBack(
  operation: string,
  err: unknown,
  what = '',
  context: Record<string, unknown> = {},
): PushpullError {
  if (err instanceof PushpullError) return err;
  const reason = err instanceof Error ? err.message : String(err);
  return new PushpullError(
    'STORE_WRITE_FAILED',
    `${operation}: rolled back${what ? ` ${what}` : ''}: ${reason}`,
    context,
    { cause: err },
  );
}
