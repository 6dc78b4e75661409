import { hostPortOf, requireServices, TcpProxy } from '@pushpull/testkit';
import { describe, expect, it } from 'vitest';
import { createDependencyHealth } from './dependency-health';
import type { DependencyProbe } from './dependency-probe';
import { kafkaProbe } from './kafka-probe';
import { postgresProbe } from './postgres-probe';
import { redisProbe } from './redis-probe';

const pg = requireServices('Postgres dependency probe', ['DATABASE_URL']);
const kafka = requireServices('Kafka dependency probe', ['KAFKA_BROKERS']);
const redis = requireServices('Redis dependency probe', ['REDIS_URL']);

/** Up on the real service; down (naming the proxy's port) when it is unreachable; up again after. */
async function upDownUp(
  probeVia: (proxyPort: number) => DependencyProbe,
  target: { host: string; port: number },
) {
  const proxy = new TcpProxy(target.host, target.port);
  const clock = { t: 0 };
  try {
    await proxy.up();
    const probe = probeVia(proxy.port);
    const health = createDependencyHealth([probe], { now: () => clock.t, cacheMs: 1000, timeoutMs: 5000 });
    const first = await health.check();
    expect(first.status, JSON.stringify(first)).toBe('ok');

    await proxy.down();
    clock.t += 1000;
    const down = await health.check();
    expect(down.status).toBe('unavailable');
    expect(down.failing).toEqual([probe.name]);
    expect(down.dependencies[probe.name]?.reason).toBe(`connect ECONNREFUSED 127.0.0.1:${proxy.port}`);

    await proxy.up();
    clock.t += 1000;
    const back = await health.check();
    expect(back.status, JSON.stringify(back)).toBe('ok');
  } finally {
    await proxy.down();
  }
}

describe.skipIf(!pg)('postgres probe on the real server', () => {
  it('is up on DATABASE_URL', async () => {
    const report = await createDependencyHealth([postgresProbe(pg!.DATABASE_URL)], {
      timeoutMs: 5000,
    }).check();
    expect(report, JSON.stringify(report)).toMatchObject({ status: 'ok', failing: [] });
  });

  it('is down while the server is unreachable and up again after', async () => {
    const url = new URL(pg!.DATABASE_URL);
    await upDownUp(
      (port) => {
        const via = new URL(url);
        via.hostname = '127.0.0.1';
        via.port = String(port);
        return postgresProbe(via.toString());
      },
      hostPortOf(pg!.DATABASE_URL, 5432),
    );
  });

  it('is down naming a database that does not exist (under trust) or up when a password is asked', async () => {
    const url = new URL(pg!.DATABASE_URL);
    url.pathname = '/pushpull_no_such_database';
    const status = (
      await createDependencyHealth([postgresProbe(url.toString())], { timeoutMs: 5000 }).check()
    ).dependencies.postgres;
    // trust: the server says so after AuthenticationOk; with passwords the probe stops at the challenge
    if (!status?.up)
      expect(status?.reason).toMatch(/3D000 database "pushpull_no_such_database" does not exist/);
  });
});

describe.skipIf(!kafka)('kafka probe on the real broker', () => {
  const brokers = kafka?.KAFKA_BROKERS.split(',') ?? [];
  it('is up on KAFKA_BROKERS', async () => {
    const report = await createDependencyHealth([kafkaProbe(brokers)], { timeoutMs: 5000 }).check();
    expect(report, JSON.stringify(report)).toMatchObject({ status: 'ok', failing: [] });
  });

  it('is down while the broker is unreachable and up again after', async () => {
    await upDownUp((port) => kafkaProbe([`127.0.0.1:${port}`]), hostPortOf(brokers[0] ?? '', 9092));
  });
});

describe.skipIf(!redis)('redis probe on the real server', () => {
  it('is up on REDIS_URL', async () => {
    const report = await createDependencyHealth([redisProbe(redis!.REDIS_URL)], { timeoutMs: 5000 }).check();
    expect(report, JSON.stringify(report)).toMatchObject({ status: 'ok', failing: [] });
  });

  it('is down while the server is unreachable and up again after', async () => {
    const url = new URL(redis!.REDIS_URL);
    await upDownUp(
      (port) => {
        const via = new URL(url);
        via.hostname = '127.0.0.1';
        via.port = String(port);
        return redisProbe(via.toString());
      },
      hostPortOf(redis!.REDIS_URL, 6379),
    );
  });
});
