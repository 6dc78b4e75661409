import type { Context } from 'hono';

/**
 * The client address of a request: the socket's peer, or, when `trustProxy` is set (PUSHPULL_TRUST_PROXY: a
 * reverse proxy in front adds `X-Forwarded-For`), the address that proxy saw (the header's last entry: the
 * ones before it are whatever the client claimed). 'unknown' when neither is there (e.g. in-process requests).
 *
 * @example clientAddress(c, false) // '127.0.0.1'
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').pop()?.trim();
    if (last) return last.slice(0, 100);
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
