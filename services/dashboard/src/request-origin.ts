import type { Context } from 'hono';

/**
 * The origin (`scheme://host[:port]`) the client reached the dashboard at: the request's own URL (https when
 * served over TLS), or, with `trustProxy` (PUSHPULL_TRUST_PROXY), the scheme and host the reverse proxy reports
 * in `X-Forwarded-Proto` / `X-Forwarded-Host` (their first entries: the proxy nearest the client).
 *
 * @example requestOrigin(c, true) // { origin: 'https://dash.acme.io', https: true }
 */
export function requestOrigin(c: Context, trustProxy: boolean): { origin: string; https: boolean } {
  const url = new URL(c.req.url);
  let scheme = url.protocol.replace(/:$/, '');
  let host = url.host;
  if (trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    if (proto === 'https' || proto === 'http') scheme = proto;
    const forwardedHost = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    if (forwardedHost) host = forwardedHost;
  }
  return { origin: `${scheme}://${host}`.toLowerCase(), https: scheme === 'https' };
}
