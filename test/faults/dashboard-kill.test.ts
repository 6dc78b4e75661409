import { openStore } from '@pushpull/store';
import { ALL_SERVICES, requireServices } from '@pushpull/testkit';
import { describe, expect, it } from 'vitest';
import { faultWorkload, storeLabels } from '../support/fault-run';
import { CLI_BIN, type SpawnedProcess, spawnEntry, waitFor } from '../support/spawn-service';
import { realServicesConfig } from '../support/test-pipeline';

const env = requireServices('the dashboard kill -9 fault test', ALL_SERVICES);

const PASSWORD = 'dashboard-kill-password';

describe.skipIf(!env)('the dashboard killed with SIGKILL', () => {
  it('a restarted dashboard serves the same leaders, and its old sessions ask for a new login', async () => {
    const { config, namespace, dropDatabase } = await realServicesConfig(env!);
    const store = await openStore({ databaseUrl: config.databaseUrl!, dataDir: '/nonexistent' });
    const { labels } = await faultWorkload(store, 37);
    await storeLabels(store, labels);
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const base = `http://127.0.0.1:${port}`;
    const start = () =>
      spawnEntry(CLI_BIN, ['serve', '--only', 'dashboard'], {
        DATABASE_URL: config.databaseUrl!,
        KAFKA_BROKERS: env!.KAFKA_BROKERS,
        PUSHPULL_NAMESPACE: namespace,
        PORT: String(port),
        PUSHPULL_ADMIN_PASSWORD: PASSWORD,
      });
    const healthy = (p: SpawnedProcess) => async () => {
      if (p.child.exitCode !== null) throw new Error(`the dashboard exited:\n${p.stderr()}`);
      return (await fetch(`${base}/healthz`).catch(() => null))?.status === 200;
    };
    const login = async () => {
      const res = await fetch(`${base}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    };
    const leaders = async (cookie: string) => {
      const res = await fetch(`${base}/api/leaders?period=2026-Q2`, { headers: { cookie } });
      return { status: res.status, body: res.status === 200 ? await res.text() : '' };
    };
    let second: SpawnedProcess | undefined;
    const first = start();
    try {
      await waitFor('the dashboard', healthy(first), 120_000, 50);
      const cookie = await login();
      const before = await leaders(cookie);
      expect(before.status).toBe(200);
      expect(JSON.parse(before.body).length).toBeGreaterThan(0);

      first.child.kill('SIGKILL');
      await first.exited;
      const restartedAt = performance.now();
      second = start();
      await waitFor('the restarted dashboard', healthy(second), 120_000, 50);
      const upAfter = (performance.now() - restartedAt) / 1000;

      expect((await leaders(cookie)).status).toBe(401); // sessions live in the process: log in again
      const after = await leaders(await login());
      expect(after).toEqual(before);
      process.stderr.write(
        `[fault] dashboard killed; the restarted one answered /healthz ${upAfter.toFixed(1)} s after it was started, same leaders\n`,
      );
    } finally {
      for (const p of [first, second]) if (p && p.child.exitCode === null) p.child.kill('SIGTERM');
      await Promise.all([first.exited, second?.exited]);
      await store.close();
      await dropDatabase();
    }
  }, 300_000);
});
