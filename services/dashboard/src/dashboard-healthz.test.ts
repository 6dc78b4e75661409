import { createDependencyHealth, type DependencyProbe } from '@pushpull/runtime';
import type { Store } from '@pushpull/store';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createDashboardApp } from './dashboard-app';

/** `/healthz` reads no data: a store that is never touched is enough. */
const untouchedStore = {} as Store;

describe('dashboard /healthz', () => {
  it('is 503 naming the dependency while it is unreachable, 200 again after, without auth', async () => {
    const kafka = { down: true };
    const probe: DependencyProbe = {
      name: 'kafka',
      target: '127.0.0.1:9092',
      check: async () => {
        if (kafka.down) throw new Error('connect ECONNREFUSED 127.0.0.1:9092');
      },
    };
    const clock = { t: 0 };
    const dependencies = createDependencyHealth([probe], { now: () => clock.t, cacheMs: 500 });
    const app = createDashboardApp({
      store: untouchedStore,
      logger: pino({ level: 'silent' }),
      dependencies,
    });

    const down = await app.request('/healthz');
    expect(down.status).toBe(503);
    expect(down.headers.get('cache-control')).toBe('no-store');
    expect(await down.json()).toEqual({
      status: 'unavailable',
      failing: ['kafka'],
      dependencies: {
        kafka: {
          up: false,
          reason: 'connect ECONNREFUSED 127.0.0.1:9092',
          checkedAt: new Date(0).toISOString(),
        },
      },
    });

    kafka.down = false;
    clock.t += 500;
    const up = await app.request('/healthz');
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({
      status: 'ok',
      failing: [],
      dependencies: { kafka: { up: true } },
    });
  });

  it('is 200 without dependencies (embedded mode)', async () => {
    const app = createDashboardApp({ store: untouchedStore, logger: pino({ level: 'silent' }) });
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', failing: [], dependencies: {} });
  });
});
