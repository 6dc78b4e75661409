import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AddUserInput,
  addUser,
  createDashboardApp,
  type DashboardAppOptions,
} from '@pushpull/service-dashboard';
import {
  type FactInput,
  openStore,
  recordLabeledBatch,
  replaceOrgChart,
  type Store,
  writeMetricSettings,
} from '@pushpull/store';
import { orgPerson, testEdge, testFacts } from '@pushpull/store/testing';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';

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

/** What `securitySuite` prepares: the store and the dashboard app on it, set once the suite's `beforeAll` ran. */
export interface SecuritySuite {
  store: Store;
  app: ReturnType<typeof securityApp>;
}

/**
 * Registers in the calling `describe` a `securityStore` with `users` added and the dashboard app on it
 * (beforeAll), closed after the suite (afterAll).
 *
 * @example const suite = securitySuite([{ username: 'root', password: 'admin-password', role: 'admin' }]);
 */
export function securitySuite(
  users: AddUserInput[],
  options: Partial<DashboardAppOptions> = {},
): SecuritySuite {
  const suite = {} as SecuritySuite;
  let fixture: Awaited<ReturnType<typeof securityStore>> | undefined;
  beforeAll(async () => {
    fixture = await securityStore();
    for (const user of users) await addUser(fixture.store, user);
    suite.store = fixture.store;
    suite.app = securityApp(fixture.store, options);
  });
  afterAll(() => fixture?.close());
  return suite;
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

const pid = (name: string) => `p:${name}@acme.example`;
const MONTHS = ['2026-07', '2026-08', '2026-09'] as const;

/**
 * An embedded store for the differencing findings (issue 14, findings 2 and 9), with every figure rated
 * from one event on (minimum volume 1, widest interval 1), the dashboard's clock at 2026-12-07, and logins
 * `ana` (analyst), `lea` (leader of `lead`), `root` (admin):
 * - `lead` leads dev1…dev6 all along; `mover` reported to `other` (who leads o1…o5) and moves to `lead` on
 *   2026-09-15. Every month of Q3, dev i pushes up i proactive and 2 responsive pushes (upward
 *   proactivity i/(i+2)); `mover` 10 proactive a month, 8 of `other`'s people 3 each.
 * - `chief` leads five sub-leaders sub1…sub5 (each leading one person) and one individual, `ic`; each
 *   of the six pushes up 4 proactive and 1 responsive pushes a month in Q3.
 * - In 2026-10 only dev1 and dev2 push up (3 proactive each): 2 of lead's 7 reports have data.
 */
export async function differencingStore(): Promise<{
  store: Store;
  app: ReturnType<typeof securityApp>;
  close(): Promise<void>;
}> {
  const fixture = await securityStore();
  const { store } = fixture;
  const devs = [1, 2, 3, 4, 5, 6];
  const subs = [1, 2, 3, 4, 5];
  await replaceOrgChart(store.db, [
    orgPerson('ceo@acme.example', null),
    orgPerson('lead@acme.example', 'ceo@acme.example'),
    orgPerson('other@acme.example', 'ceo@acme.example'),
    orgPerson('chief@acme.example', 'ceo@acme.example'),
    ...devs.map((n) => orgPerson(`dev${n}@acme.example`, 'lead@acme.example')),
    ...subs.map((n) => orgPerson(`o${n}@acme.example`, 'other@acme.example')),
    orgPerson('mover@acme.example', 'other@acme.example'),
    orgPerson('mover@acme.example', 'lead@acme.example', { validFrom: '2026-09-15' }),
    ...subs.map((n) => orgPerson(`sub${n}@acme.example`, 'chief@acme.example')),
    ...subs.map((n) => orgPerson(`s${n}x@acme.example`, `sub${n}@acme.example`)),
    orgPerson('ic@acme.example', 'chief@acme.example'),
  ]);
  await writeMetricSettings(store.db, { minVolume: 1, maxIntervalWidth: 1 });
  const up = (who: string, manager: string, at: string, proactive: number, responsive: number) => [
    ...testFacts(proactive, pid(who), at, 'push', [testEdge('up', pid(manager), 1)], 'proactive'),
    ...(responsive > 0
      ? testFacts(responsive, pid(who), at, 'push', [testEdge('up', pid(manager), 1)], 'responsive')
      : []),
  ];
  const facts: FactInput[] = [];
  for (const month of MONTHS) {
    const at = `${month}-05T09:00:00Z`;
    for (const n of devs) facts.push(...up(`dev${n}`, 'lead', at, n, 2));
    facts.push(...up('mover', month === '2026-09' ? 'lead' : 'other', `${month}-20T09:00:00Z`, 10, 0));
    for (const n of subs) facts.push(...up(`o${n}`, 'other', at, 3, 0));
    for (const n of subs) facts.push(...up(`sub${n}`, 'chief', at, 4, 1));
    facts.push(...up('ic', 'chief', at, 4, 1));
  }
  facts.push(
    ...up('dev1', 'lead', '2026-10-06T09:00:00Z', 3, 0),
    ...up('dev2', 'lead', '2026-10-06T09:00:00Z', 3, 0),
  );
  await recordLabeledBatch(store.db, { groupId: 'security', offsets: [], facts });
  await addUser(store, { username: 'ana', password: 'analyst-password', role: 'analyst' });
  await addUser(store, {
    username: 'lea',
    password: 'leader-password',
    role: 'leader',
    personEmail: 'lead@acme.example',
  });
  await addUser(store, { username: 'root', password: 'admin-password', role: 'admin' });
  const app = securityApp(store, { now: () => new Date('2026-12-07T12:00:00Z') });
  return { store, app, close: fixture.close };
}
