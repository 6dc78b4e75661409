import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDashboardApp, type DashboardAppOptions } from '@pushpull/service-dashboard';
import { openStore, replaceOrgChart, type Store } from '@pushpull/store';
import { orgPerson } from '@pushpull/store/testing';
import { pino } from 'pino';

/** An embedded store in a fresh folder, with a small org chart: a CEO, a leader and six people. */
export async function securityStore(): Promise<{ dir: string; store: Store; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'pushpull-security-'));
  const store = await openStore({ dataDir: dir });
  await replaceOrgChart(store.db, [
    orgPerson('ceo@acme.example', null, { name: 'Cee' }),
    orgPerson('lead@acme.example', 'ceo@acme.example', { name: 'Lea Lead' }),
    orgPerson('solo@acme.example', 'ceo@acme.example', { name: 'Solo Lead' }),
    orgPerson('one@acme.example', 'solo@acme.example'),
    ...[1, 2, 3, 4, 5, 6].map((n) => orgPerson(`dev${n}@acme.example`, 'lead@acme.example')),
  ]);
  return {
    dir,
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The dashboard app on `store`, logging nowhere unless given a logger. */
export function securityApp(store: Store, options: Partial<DashboardAppOptions> = {}) {
  return createDashboardApp({ store, logger: pino({ level: 'silent' }), reportCache: false, ...options });
}

/** An `Authorization: Basic` header. */
export const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

/** A JSON login request as the web UI sends it. */
export const loginRequest = (username: string, password: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ username, password }),
});

/** The `cookie` header of the session a login answer opened. */
export function sessionOf(res: Response): { cookie: string } {
  const cookie = res.headers.get('set-cookie') ?? '';
  return { cookie: cookie.split(';')[0] ?? '' };
}
