import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { addUser, applyUserChange, deleteUser, UserInbox, userInboxDir } from '@pushpull/service-dashboard';
import { findUser, upsertUser } from '@pushpull/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, loginRequest, securityApp, securityStore, sessionOf } from './dashboard-fixture';

// Finding 6 of issue 14: demoting, re-passwording or removing a user did not reach live sessions (12 h) or
// Basic auth (5 min cache); there was no `users remove`; embedded mode saw no new user until a restart.

const BIN = fileURLToPath(new URL('../../packages/cli/bin/pushpull.mjs', import.meta.url));

/** Runs the built CLI without blocking this process (which serves the data folder and must answer it). */
function pushpull(args: string[], dataDir: string, input?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PUSHPULL_DATA_DIR: dataDir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

describe('user changes reach live sessions and Basic clients on the next request', () => {
  let fixture: Awaited<ReturnType<typeof securityStore>>;

  beforeAll(async () => {
    fixture = await securityStore();
  });
  afterAll(() => fixture.close());

  it('a demoted, re-passworded or removed user loses what they had at once', async () => {
    const { store } = fixture;
    const app = securityApp(store);
    await addUser(store, { username: 'ana', password: 'analyst-pass-1', role: 'analyst' });
    const session = sessionOf(await app.request('/api/login', loginRequest('ana', 'analyst-pass-1')));
    const oldBasic = basic('ana', 'analyst-pass-1');
    expect((await app.request('/api/overview', { headers: session })).status).toBe(200);
    expect((await app.request('/api/overview', { headers: oldBasic })).status).toBe(200);

    // demoted to leader (the role alone changes: same password hash): the live session and the cached Basic
    // check carry the new role
    const row = await findUser(store.db, 'ana');
    await upsertUser(store.db, {
      username: 'ana',
      passwordHash: row?.password_hash ?? '',
      role: 'leader',
      personId: 'p:lead@acme.example',
    });
    const me = (await (await app.request('/api/me', { headers: session })).json()) as { role: string };
    expect(me.role).toBe('leader');
    expect((await app.request('/api/overview', { headers: session })).status).toBe(403);
    expect((await app.request('/api/overview', { headers: oldBasic })).status).toBe(403);

    // a new password ends the session and the old password's Basic access
    await addUser(store, {
      username: 'ana',
      password: 'analyst-pass-2',
      role: 'leader',
      personEmail: 'lead@acme.example',
    });
    expect((await app.request('/api/me', { headers: session })).status).toBe(401);
    expect((await app.request('/api/me', { headers: oldBasic })).status).toBe(401);
    const newBasic = basic('ana', 'analyst-pass-2');
    const fresh = sessionOf(await app.request('/api/login', loginRequest('ana', 'analyst-pass-2')));
    expect((await app.request('/api/me', { headers: newBasic })).status).toBe(200);
    expect((await app.request('/api/me', { headers: fresh })).status).toBe(200);

    // removed: nothing of theirs works any more
    await deleteUser(store, 'ana');
    expect((await app.request('/api/me', { headers: newBasic })).status).toBe(401);
    expect((await app.request('/api/me', { headers: fresh })).status).toBe(401);
  });

  it('embedded: `pushpull users add|remove` reach the running process without a restart', async () => {
    const { store, dir } = fixture;
    const inbox = new UserInbox(userInboxDir(dir));
    inbox.claim();
    const failures: unknown[] = [];
    inbox.watch(
      (change) => applyUserChange(store, change),
      (err) => failures.push(err),
    );
    try {
      const app = securityApp(store, { userInbox: inbox });
      const added = await pushpull(
        ['users', 'add', 'bob', '--role', 'analyst', '--password-stdin'],
        dir,
        'bob-password-1\n',
      );
      expect(added.stderr).toBe('');
      expect(added.code).toBe(0);
      const bob = basic('bob', 'bob-password-1');
      const session = sessionOf(await app.request('/api/login', loginRequest('bob', 'bob-password-1')));
      expect((await app.request('/api/overview', { headers: bob })).status).toBe(200);
      expect((await app.request('/api/overview', { headers: session })).status).toBe(200);

      const removed = await pushpull(['users', 'remove', 'bob'], dir);
      expect(removed.stderr).toBe('');
      expect(removed.code).toBe(0);
      expect((await app.request('/api/overview', { headers: bob })).status).toBe(401);
      expect((await app.request('/api/overview', { headers: session })).status).toBe(401);

      const again = await pushpull(['users', 'remove', 'bob'], dir);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/no user "bob" \[USER_NOT_FOUND\]/);
      expect(failures).toEqual([]);
    } finally {
      inbox.release();
    }
  });
});
