import { createHash, randomBytes } from 'node:crypto';
import { findUser, type Store } from '@pushpull/store';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AuthUser } from './basic-auth';
import { verifyPassword } from './password-hash';

/** Name of the session cookie (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'pushpull_session';

/** Server-side sessions: random ids (32 bytes) mapped to users, expiring after `ttlMs`. */
export class SessionStore {
  private readonly sessions = new Map<string, { user: AuthUser; until: number }>();

  constructor(
    private readonly ttlMs = 12 * 60 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Opens a session for `user` and returns its id. */
  open(user: AuthUser): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { user, until: this.now() + this.ttlMs });
    return id;
  }

  /** The user of a live session, or null. */
  get(id: string | undefined): AuthUser | null {
    if (!id) return null;
    const hit = this.sessions.get(id);
    if (!hit) return null;
    if (hit.until <= this.now()) {
      this.sessions.delete(id);
      return null;
    }
    return hit.user;
  }

  /** Ends a session (logout). */
  close(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  private sweep(): void {
    const t = this.now();
    for (const [id, s] of this.sessions) if (s.until <= t) this.sessions.delete(id);
  }
}

/** Checks a username and password against `app_user` (scrypt). Returns the user or null. */
export async function checkCredentials(
  store: Store,
  username: string,
  password: string,
): Promise<AuthUser | null> {
  const row = await findUser(store.db, username);
  if (!row) {
    // spend the same scrypt time on unknown users as on wrong passwords
    await verifyPassword(password, DUMMY_HASH);
    return null;
  }
  if (!(await verifyPassword(password, row.password_hash))) return null;
  return { username: row.username, role: row.role, personId: row.person_id };
}

const DUMMY_HASH = `scrypt$16384$8$1$${randomBytes(16).toString('base64url')}$${randomBytes(32).toString('base64url')}`;

/**
 * Authentication of `/api/*`: a session cookie from the login page, or HTTP Basic for API clients
 * (docs/contracts.md §9). Basic checks are cached for 5 minutes by a hash of the credentials so that scrypt
 * runs once, not per request. Answers 401 otherwise.
 *
 * @example app.use('/api/*', sessionOrBasicAuth(store, sessions));
 */
export function sessionOrBasicAuth(
  store: Store,
  sessions: SessionStore,
): MiddlewareHandler<{ Variables: { user: AuthUser } }> {
  const cache = new Map<string, { user: AuthUser; until: number }>();
  return async (c, next) => {
    const fromSession = sessions.get(getCookie(c, SESSION_COOKIE));
    if (fromSession) {
      c.set('user', fromSession);
      return next();
    }
    const header = c.req.header('authorization') ?? '';
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
    if (match?.[1]) {
      const decoded = Buffer.from(match[1], 'base64').toString('utf8');
      const sep = decoded.indexOf(':');
      if (sep > 0) {
        const key = createHash('sha256').update(decoded).digest('hex');
        const hit = cache.get(key);
        if (hit && hit.until > Date.now()) {
          c.set('user', hit.user);
          return next();
        }
        const user = await checkCredentials(store, decoded.slice(0, sep), decoded.slice(sep + 1));
        if (user) {
          if (cache.size > 1000) cache.clear();
          cache.set(key, { user, until: Date.now() + 5 * 60_000 });
          c.set('user', user);
          return next();
        }
      }
    }
    return unauthorised(c);
  };
}

/** Header the web UI sends so that a 401 does not make the browser pop up its Basic dialog. */
export const UI_HEADER = 'x-pushpull-ui';

function unauthorised(c: Context) {
  if (!c.req.header(UI_HEADER)) c.header('WWW-Authenticate', 'Basic realm="pushpull", charset="UTF-8"');
  return c.json({ error: 'authentication required: log in, or use HTTP Basic' }, 401);
}
