import { addUser } from '@pushpull/service-dashboard';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushpullIn } from '../support/run-pushpull';
import { basic, securityApp, securityStore } from './dashboard-fixture';

// Finding 2 of issue 14 (a): `last-Nd` took any N, so team(last-97d) − team(last-67d) − team(2026-09)
// gave one member's September. Periods are presets now, everywhere a period is accepted (one parser).

const PRESETS = /not one of the presets: use YYYY-Qn .*YYYY-MM .*YYYY-Www .*last-30d, last-90d or last-365d/;

describe('finding 2: only preset periods', () => {
  let fixture: Awaited<ReturnType<typeof securityStore>>;
  let app: ReturnType<typeof securityApp>;
  const cli = pushpullIn('period-presets');

  beforeAll(async () => {
    fixture = await securityStore();
    await addUser(fixture.store, { username: 'root', password: 'admin-password', role: 'admin' });
    await addUser(fixture.store, { username: 'ana', password: 'analyst-password', role: 'analyst' });
    app = securityApp(fixture.store, { now: () => new Date('2026-12-07T12:00:00Z') });
  });
  afterAll(async () => {
    await fixture.close();
    cli.remove();
  });

  const paths = [
    '/api/leaders',
    '/api/overview',
    '/api/teams',
    '/api/teams/p:lead@acme.example',
    '/api/leaders/p:lead@acme.example',
    '/report/leaders',
  ];

  for (const period of ['last-97d', 'last-67d', 'last-1d', 'last-89d', 'last-3660d']) {
    it(`answers period=${period} with 400 naming the presets, on every route`, async () => {
      for (const path of paths) {
        for (const who of [basic('root', 'admin-password'), basic('ana', 'analyst-password')]) {
          const res = await app.request(`${path}?period=${period}`, { headers: who });
          if (res.status === 403) continue; // the analyst may not open a named leader's page at all
          expect(res.status, path).toBe(400);
          expect(((await res.json()) as { error: string }).error, path).toMatch(PRESETS);
        }
      }
    });
  }

  it('takes every preset', async () => {
    for (const period of ['last-30d', 'last-90d', 'last-365d', '2026-Q3', '2026-09', '2026-W36']) {
      for (const path of paths) {
        const res = await app.request(`${path}?period=${period}`, {
          headers: basic('root', 'admin-password'),
        });
        expect(res.status, `${path} ${period}`).toBe(200);
      }
    }
  });

  it('refuses a non-preset period in `pushpull report --period` with the same message', () => {
    for (const args of [
      ['report', '--leader', 'lead@acme.example', '--period', 'last-97d'],
      ['report', '--org', '--period', 'last-67d'],
    ]) {
      const r = cli.run(args);
      expect(r.code, r.stderr).not.toBe(0);
      expect(r.stderr).toMatch(PRESETS);
    }
  });
});
