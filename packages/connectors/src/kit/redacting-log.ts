import type { SyncContext } from './connector';

type Log = SyncContext['log'];

function scrub(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') {
    return secrets.reduce((s, secret) => s.replaceAll(secret, '[REDACTED]'), value);
  }
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: scrub(value.message, secrets, depth + 1), ...(code ? { code } : {}) };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, secrets, depth + 1)]));
}

/**
 * A log that replaces every occurrence of the given secrets (tokens) in the message and the fields
 * with `[REDACTED]`; Error values become `{ name, message, code }`. A last line of defence: code
 * should not log secrets in the first place.
 *
 * @example const log = redactingLog(ctx.log, [config.token]);
 */
export function redactingLog(log: Log, secrets: readonly string[]): Log {
  const real = secrets.filter((s) => s.length > 0);
  return (level, fields, message) =>
    log(level, scrub(fields, real, 0) as Record<string, unknown>, scrub(message, real, 0) as string);
}
