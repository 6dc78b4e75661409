import { addUser } from '@pushpull/service-dashboard';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginRequest, securityApp, securityStore } from './dashboard-fixture';

// Finding 13 of issue 14: the session cookie was never `Secure`, even when the dashboard was served over HTTPS.

describe('Secure session cookie', () => {
  let fixture: Awaited<ReturnType<typeof securityStore>>;

  beforeAll(async () => {
    fixture = await securityStore();
    await addUser(fixture.store, { username: 'ana', password: 'analyst-password', role: 'analyst' });
  });
  afterAll(() => fixture.close());

  const cookieOf = async (
    app: ReturnType<typeof securityApp>,
    url: string,
    headers: Record<string, string> = {},
  ) => {
    const res = await app.request(url, loginRequest('ana', 'analyst-password', headers));
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie') ?? '';
  };

  it('is Secure when the login came over HTTPS', async () => {
    const cookie = await cookieOf(securityApp(fixture.store), 'https://dash.acme.example/api/login');
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('is Secure behind a trusted proxy that says https, and only then', async () => {
    const viaProxy = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'dash.acme.example' };
    const trusted = securityApp(fixture.store, { trustProxy: true });
    expect(await cookieOf(trusted, 'http://127.0.0.1:3000/api/login', viaProxy)).toMatch(/;\s*Secure/i);
    // without PUSHPULL_TRUST_PROXY anyone could send the header: it is ignored
    const untrusted = securityApp(fixture.store);
    expect(await cookieOf(untrusted, 'http://127.0.0.1:3000/api/login', viaProxy)).not.toMatch(/Secure/i);
  });
});
