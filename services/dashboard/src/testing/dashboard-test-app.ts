import { type Store, upsertUser } from '@pushpull/store';
import { pino } from 'pino';
import { createDashboardApp, type DashboardAppOptions } from '../dashboard-app';
import { hashPassword } from '../password-hash';

/**
 * Test helper: the dashboard app on `store`, logging nowhere, its clock stopped at 2026-08-20
 * (inside the tests' August 2026 period), with any other option as given.
 *
 * @example const app = testDashboardApp(store, { reportCache: false });
 */
export function testDashboardApp(
  store: Store,
  options: Partial<DashboardAppOptions> = {},
): ReturnType<typeof createDashboardApp> {
  return createDashboardApp({
    store,
    logger: pino({ level: 'silent' }),
    now: () => new Date('2026-08-20T00:00:00Z'),
    ...options,
  });
}

/**
 * Test helper: saves a dashboard user whose password is `<username>-password`.
 *
 * @example await addTestUser(store, 'ana', 'analyst', null); // then basicAuth('ana', 'ana-password')
 */
export async function addTestUser(
  store: Store,
  username: string,
  role: 'admin' | 'analyst' | 'leader',
  personId: string | null,
): Promise<void> {
  await upsertUser(store.db, {
    username,
    passwordHash: await hashPassword(`${username}-password`),
    role,
    personId,
  });
}

/**
 * Test helper: an `Authorization: Basic` header.
 *
 * @example await app.request('/api/leaders', { headers: basicAuth('ana', 'ana-password') });
 */
export function basicAuth(user: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}
