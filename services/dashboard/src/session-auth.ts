import { createHash, randomBytes } from 'node:crypto';
import { type AppUserRow, findUser, type Store } from '@pushpull/store';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AuthUser } from './basic-auth';
import { verifyPassword } from './password-hash';
import { readUserRow } from './user-row-cache';

/** Name of the session cookie (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'pushpull_session';

/** A session or cached Basic check: who, and which stored password hash they proved (its fingerprint). */
export interface SessionEntry {
  username: string;
  /** {@link credentialOf} the password hash the user logged in against: a new password ends the session. */
  credential: string;
}

/**
 * The fingerprint of a stored password hash (sha256): sessions and cached Basic checks hold it, so a changed
 * password invalidates them on the next request without keeping the hash itself in memory.
 */
export function credentialOf(passwordHash: string): string {
  return createHash('sha256').update(passwordHash).digest('hex');
}

/**
 * Server-side sessions: random ids (32 bytes) mapped to a username and the fingerprint of the password hash
 * they logged in with, expiring after `ttlMs`. The role is never kept here: it is read from `app_user` on
 * every request (see {@link currentUser}), so a demotion or removal takes effect on the next request.
 */
export class SessionStore {
  private readonly sessions = new Map<string, SessionEntry & { until: number }>();

  constructor(
    private readonly ttlMs = 12 * 60 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Opens a session for `entry` and returns its id. */
  open(entry: SessionEntry): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, {
      username: entry.username,
      credential: entry.credential,
      until: this.now() + this.ttlMs,
    });
    return id;
  }

  /** The entry of a live session, or null. */
  get(id: string | undefined): SessionEntry | null {
    if (!id) return null;
    const hit = this.sessions.get(id);
    if (!hit) return null;
    if (hit.until <= this.now()) {
      this.sessions.delete(id);
      return null;
    }
    return { username: hit.username, credential: hit.credential };
  }

  /** Ends a session (logout, or its user changed). */
  close(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  private sweep(): void {
    const t = this.now();
    for (const [id, s] of this.sessions) if (s.until <= t) this.sessions.delete(id);
  }
}

/** A user whose password was just checked: who they are now, and the fingerprint of the hash they proved. */
export interface VerifiedUser {
  user: AuthUser;
  credential: string;
}

const userOf = (row: AppUserRow): AuthUser => ({
  username: row.username,
  role: row.role,
  personId: row.person_id,
});

/** Checks a username and password against `app_user` (scrypt). Returns the user or null. */
export async function checkCredentials(
  store: Store,
  username: string,
  password: string,
): Promise<VerifiedUser | null> {
  const row = await findUser(store.db, username);
  if (!row) {
    // spend the same scrypt time on unknown users as on wrong passwords
    await verifyPassword(password, DUMMY_HASH);
    return null;
  }
  if (!(await verifyPassword(password, row.password_hash))) return null;
  return { user: userOf(row), credential: credentialOf(row.password_hash) };
}

/**
 * The user of a session or cached check as `app_user` holds them now: null when the user was removed or their
 * password changed since (`credential` no longer matches), else their current role and person.
 */
export async function currentUser(store: Store, entry: SessionEntry): Promise<AuthUser | null> {
  const row = await readUserRow(store, entry.username);
  if (!row || credentialOf(row.password_hash) !== entry.credential) return null;
  return userOf(row);
}

const DUMMY_HASH = `scrypt$16384$8$1$${randomBytes(16).toString('base64url')}$${randomBytes(32).toString('base64url')}`;

/** What a failed or refused login attempt reports (never the password). */
export interface LoginFailure {
  username: string;
  address: string;
  via: 'login' | 'basic';
  reason: 'wrong username or password' | 'too many failed logins';
}

/** The login guard of {@link sessionOrBasicAuth}: refuses throttled attempts and counts failures. */
export interface LoginGuard {
  /** Seconds to wait when this user or address may not try now, else null. */
  blocked(username: string, address: string): number | null;
  failed(username: string, address: string): void;
  succeeded(username: string, address: string): void;
}

/** Options of {@link sessionOrBasicAuth}. */
export interface SessionOrBasicAuthOptions {
  /** The clock of the Basic check cache. Default Date.now. */
  now?: () => number;
  /** Throttles Basic attempts (see LoginThrottle). Default none. */
  guard?: LoginGuard;
  /** The client address of a request (for the guard and the failure log). Default 'unknown'. */
  addressOf?: (c: Context) => string;
  /** Told of every failed or refused Basic attempt. */
  onFailure?: (failure: LoginFailure) => void;
}

/**
 * Authentication of `/api/*`: a session cookie from the login page, or HTTP Basic for API clients
 * (docs/contracts.md §9). Every request reads the user's row: a removed user, or one whose password changed,
 * is refused, and the role is the current one. Basic checks are cached for 5 minutes by a hash of the
 * credentials so that scrypt runs once, not per request (the cache holds the password hash's fingerprint, so
 * a new password misses it). Throttled Basic attempts are answered 429. Answers 401 otherwise.
 *
 * @example app.use('/api/*', sessionOrBasicAuth(store, sessions));
 */
export function sessionOrBasicAuth(
  store: Store,
  sessions: SessionStore,
  options: SessionOrBasicAuthOptions = {},
): MiddlewareHandler<{ Variables: { user: AuthUser } }> {
  const now = options.now ?? Date.now;
  const cache = new Map<string, SessionEntry & { until: number }>();
  return async (c, next) => {
    const sessionId = getCookie(c, SESSION_COOKIE);
    const session = sessions.get(sessionId);
    if (session) {
      const user = await currentUser(store, session);
      if (user) {
        c.set('user', user);
        return next();
      }
      sessions.close(sessionId);
    }
    const header = c.req.header('authorization') ?? '';
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
    if (match?.[1]) {
      const decoded = Buffer.from(match[1], 'base64').toString('utf8');
      const sep = decoded.indexOf(':');
      if (sep > 0) {
        const username = decoded.slice(0, sep);
        const key = createHash('sha256').update(decoded).digest('hex');
        const hit = cache.get(key);
        if (hit && hit.until > now()) {
          const user = await currentUser(store, hit);
          if (user) {
            c.set('user', user);
            return next();
          }
          cache.delete(key);
        }
        const address = options.addressOf?.(c) ?? 'unknown';
        const wait = options.guard?.blocked(username, address) ?? null;
        if (wait !== null) {
          options.onFailure?.({ username, address, via: 'basic', reason: 'too many failed logins' });
          return tooManyAttempts(c, wait);
        }
        const verified = await checkCredentials(store, username, decoded.slice(sep + 1));
        if (verified) {
          options.guard?.succeeded(username, address);
          if (cache.size > 1000) cache.clear();
          cache.set(key, { username, credential: verified.credential, until: now() + 5 * 60_000 });
          c.set('user', verified.user);
          return next();
        }
        options.guard?.failed(username, address);
        options.onFailure?.({ username, address, via: 'basic', reason: 'wrong username or password' });
      }
    }
    return unauthorised(c);
  };
}

/** 429 with `Retry-After` (seconds): this user or address failed too many logins lately. */
export function tooManyAttempts(c: Context, retryAfterSeconds: number) {
  c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  return c.json({ error: 'too many failed logins: wait, then try again' }, 429);
}

/** Header the web UI sends so that a 401 does not make the browser pop up its Basic dialog. */
export const UI_HEADER = 'x-pushpull-ui';

function unauthorised(c: Context) {
  if (!c.req.header(UI_HEADER)) c.header('WWW-Authenticate', 'Basic realm="pushpull", charset="UTF-8"');
  return c.json({ error: 'authentication required: log in, or use HTTP Basic' }, 401);
}
