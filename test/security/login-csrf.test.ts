import { describe, expect, it } from 'vitest';
import { loginRequest, securitySuite } from './dashboard-fixture';

// Finding 14 of issue 14: login CSRF. Another site could log a visitor in as the attacker's user with a
// text/plain form post (no preflight) and no Origin check.

describe('login CSRF', () => {
  const suite = securitySuite([{ username: 'mallory', password: 'attacker-password', role: 'analyst' }]);

  it('refuses a text/plain login (what a cross-site form can send) with 415 and opens no session', async () => {
    const res = await suite.app.request('http://dash.acme.example/api/login', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'mallory', password: 'attacker-password' }),
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a JSON login whose Origin is another site with 403, and accepts the same origin', async () => {
    const evil = await suite.app.request(
      'http://dash.acme.example/api/login',
      loginRequest('mallory', 'attacker-password', { origin: 'https://evil.example' }),
    );
    expect(evil.status).toBe(403);
    expect(evil.headers.get('set-cookie')).toBeNull();
    const same = await suite.app.request(
      'http://dash.acme.example/api/login',
      loginRequest('mallory', 'attacker-password', { origin: 'http://dash.acme.example' }),
    );
    expect(same.status).toBe(200);
    // API clients send no Origin
    expect((await suite.app.request('/api/login', loginRequest('mallory', 'attacker-password'))).status).toBe(
      200,
    );
  });
});
