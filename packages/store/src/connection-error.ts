/** Socket errors that mean the server went away or cannot be reached (not that the query was wrong). */
const SOCKET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is shutting down, starting up or dropped the connection: class 08
 * (connection exception) and 57P01–57P03 (admin/crash shutdown, cannot connect now).
 */
const SERVER_CODES = /^(08\d{3}|57P0[123])$/;

/** What node-postgres says when the socket closes under a client or a pool cannot get a connection. */
const PG_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Client was closed and is not queryable/,
];

/**
 * Whether `err` (or an error in its `cause` chain) means Postgres is unreachable for now — a dropped
 * or refused connection, a server restarting — rather than that the work itself is wrong. Work that
 * failed so is worth retrying unchanged once the server is back (a transaction that lost its
 * connection did not commit).
 *
 * @example isConnectionError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })) // true
 * @example isConnectionError(Object.assign(new Error('duplicate key'), { code: '23505' })) // false
 */
export function isConnectionError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_CODES.test(code))) return true;
    if (PG_MESSAGES.some((m) => m.test(e instanceof Error ? e.message : ''))) return true;
  }
  return false;
}
