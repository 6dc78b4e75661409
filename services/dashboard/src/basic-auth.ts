import { createHash } from 'node:crypto';
import { findUser, type Store } from '@pushpull/store';
import type { MiddlewareHandler } from 'hono';
import { verifyPassword } from './password-hash';

/** The signed-in user, set on the request context by the auth middleware. */
export interface AuthUser {
  username: string;
  role: string;
  personId: string | null;
}

const CACHE_MS = 5 * 60_000;

/**
 * HTTP Basic authentication against the `app_user` table (scrypt hashes). Successful checks are
 * cached for 5 minutes by a hash of the credentials so that scrypt runs once, not per request.
 * Answers 401 with `WWW-Authenticate: Basic` otherwise.
 *
 * @example app.use('/api/*', basicAuth(store));
 */
export function basicAuth(store: Store): MiddlewareHandler<{ Variables: { user: AuthUser } }> {
  const cache = new Map<string, { user: AuthUser; until: number }>();
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
    if (match?.[1]) {
      const decoded = Buffer.from(match[1], 'base64').toString('utf8');
      const sep = decoded.indexOf(':');
      if (sep > 0) {
        const username = decoded.slice(0, sep);
        const password = decoded.slice(sep + 1);
        const key = createHash('sha256').update(decoded).digest('hex');
        const hit = cache.get(key);
        if (hit && hit.until > Date.now()) {
          c.set('user', hit.user);
          return next();
        }
        const row = await findUser(store.db, username);
        if (row && (await verifyPassword(password, row.password_hash))) {
          const user = { username: row.username, role: row.role, personId: row.person_id };
          cache.set(key, { user, until: Date.now() + CACHE_MS });
          c.set('user', user);
          return next();
        }
      }
    }
    c.header('WWW-Authenticate', 'Basic realm="pushpull", charset="UTF-8"');
    return c.json({ error: 'authentication required' }, 401);
  };
}
