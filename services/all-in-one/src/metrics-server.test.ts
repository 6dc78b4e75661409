import {
  createDependencyHealth,
  type DependencyReport,
  kafkaProbe,
  registerDependencyGauge,
} from '@pushpull/runtime';
import { fakeProbe } from '@pushpull/runtime/testing';
import { closedPort } from '@pushpull/testkit';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { startMetricsServer } from './metrics-server';

describe('startMetricsServer', () => {
  it('answers /healthz 503 naming the unreachable dependency, 200 once it is back, and exports the gauge', async () => {
    const postgres = fakeProbe('postgres', ['hunter2']);
    const clock = { t: 0 };
    const health = createDependencyHealth([postgres.probe], { now: () => clock.t, cacheMs: 1000 });
    const registry = new Registry();
    registerDependencyGauge(registry, health);
    const server = await startMetricsServer(registry, '127.0.0.1', 0, { health });
    const base = `http://127.0.0.1:${server.port}`;
    try {
      let res = await fetch(`${base}/healthz`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(((await res.json()) as DependencyReport).status).toBe('ok');

      postgres.state.fail = new Error('password hunter2 for postgres://app:hunter2@db:5432/x: ECONNREFUSED');
      clock.t += 1000;
      res = await fetch(`${base}/healthz?probe=k8s`);
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        status: 'unavailable',
        failing: ['postgres'],
        dependencies: {
          postgres: {
            up: false,
            reason: 'password *** for <url> ECONNREFUSED',
            checkedAt: new Date(clock.t).toISOString(),
          },
        },
      });
      expect(text).not.toContain('hunter2');
      expect(await (await fetch(`${base}/metrics`)).text()).toContain(
        'pushpull_dependency_up{dependency="postgres"} 0',
      );

      postgres.state.fail = null;
      clock.t += 1000;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${base}/metrics`)).text()).toContain(
        'pushpull_dependency_up{dependency="postgres"} 1',
      );
      expect((await fetch(`${base}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('answers 503 for a real probe of a closed port, and 200 without a health source', async () => {
    const port = await closedPort();
    const health = createDependencyHealth([kafkaProbe([`127.0.0.1:${port}`])]);
    const server = await startMetricsServer(new Registry(), '127.0.0.1', 0, { health });
    const plain = await startMetricsServer(new Registry(), '127.0.0.1', 0);
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        failing: ['kafka'],
        dependencies: { kafka: { up: false, reason: `connect ECONNREFUSED 127.0.0.1:${port}` } },
      });
      expect((await fetch(`http://127.0.0.1:${plain.port}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
      await plain.close();
    }
  });
});
