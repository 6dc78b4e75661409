import type { Store } from '@pushpull/store';
import type { MiddlewareHandler } from 'hono';
import { SessionStore, sessionOrBasicAuth } from './session-auth';

/** The signed-in user, set on the request context by the auth middleware. */
export interface AuthUser {
  username: string;
  role: string;
  personId: string | null;
}

/**
 * HTTP Basic authentication against the `app_user` table (scrypt hashes): {@link sessionOrBasicAuth} without
 * sessions. Every request reads the user's row (a removed user or a changed password is refused at once, the
 * role is the current one); scrypt runs once per credentials and 5 minutes. Answers 401 with
 * `WWW-Authenticate: Basic` otherwise.
 *
 * @example app.use('/api/*', basicAuth(store));
 */
export function basicAuth(store: Store): MiddlewareHandler<{ Variables: { user: AuthUser } }> {
  return sessionOrBasicAuth(store, new SessionStore());
}
