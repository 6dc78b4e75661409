import { Writable } from 'node:stream';
import { addUser } from '@pushpull/service-dashboard';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, loginRequest, securityApp, securityStore } from './dashboard-fixture';

// Finding 7 of issue 14: no login rate limit or lockout; failed logins were not logged.

/** A pino logger whose lines a test reads. */
function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

/** In-process requests carry the client address as the Node adapter would. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

describe('login rate limiting', () => {
  let fixture: Awaited<ReturnType<typeof securityStore>>;

  beforeAll(async () => {
    fixture = await securityStore();
    await addUser(fixture.store, { username: 'ana', password: 'the-right-password', role: 'analyst' });
    await addUser(fixture.store, { username: 'bea', password: 'bea-right-password', role: 'analyst' });
  });
  afterAll(() => fixture.close());

  it('answers 30 wrong logins in a row for one user with 429 before they end, and logs each failure', async () => {
    let clock = Date.parse('2026-09-01T08:00:00Z');
    const { logger, lines } = capturedLogger();
    const app = securityApp(fixture.store, { logger, loginThrottle: { now: () => clock } });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await app.request(
        '/api/login',
        loginRequest('ana', `guess-number-${i}`),
        from('198.51.100.7'),
      );
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(statuses.indexOf(429)).every((s) => s === 429)).toBe(true);
    // locked: even the right password is refused now, from another address too, and over Basic
    expect(
      (await app.request('/api/login', loginRequest('ana', 'the-right-password'), from('203.0.113.1')))
        .status,
    ).toBe(429);
    expect((await app.request('/api/me', { headers: basic('ana', 'the-right-password') })).status).toBe(429);

    // one line per failed login, naming the user and address, never a password
    const failures = lines.filter((l) => l.includes('"login failed"'));
    expect(failures.length).toBeGreaterThanOrEqual(30);
    for (const line of failures) {
      expect(line).not.toMatch(/guess-number|the-right-password/);
    }
    expect(failures[0]).toMatch(/"username":"ana"/);
    expect(failures[0]).toMatch(/"address":"198\.51\.100\.7"/);

    // once the window has passed (on the injected clock) the right password works again
    clock += 60 * 60_000;
    expect(
      (await app.request('/api/login', loginRequest('ana', 'the-right-password'), from('203.0.113.1')))
        .status,
    ).toBe(200);
  });

  it('answers 30 wrong logins from one address with 429 before they end, whatever usernames they try', async () => {
    const app = securityApp(fixture.store);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await app.request(
        '/api/login',
        loginRequest(`user-${i}`, 'password-guess'),
        from('192.0.2.66'),
      );
      statuses.push(res.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(
      (await app.request('/api/login', loginRequest('bea', 'bea-right-password'), from('192.0.2.66'))).status,
    ).toBe(429);
    // another address is not held back by this one
    expect(
      (await app.request('/api/login', loginRequest('bea', 'bea-right-password'), from('192.0.2.67'))).status,
    ).toBe(200);
  });
});
