import { hostPortOf, requireServices, TcpProxy, throughProxy } from '@pushpull/testkit';
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

/** Up on the real service, as /healthz would say. */
async function expectUp(probe: DependencyProbe) {
  const report = await createDependencyHealth([probe], { timeoutMs: 5000 }).check();
  expect(report, JSON.stringify(report)).toMatchObject({ status: 'ok', failing: [] });
}

/** The cases of a probe configured by a URL: up on `url`, and down while a proxy to it is cut. */
function urlProbeCases(variable: string, url: string, probe: (url: string) => DependencyProbe, port: number) {
  it(`is up on ${variable}`, async () => {
    await expectUp(probe(url));
  });

  it('is down while the server is unreachable and up again after', async () => {
    await upDownUp((proxyPort) => probe(throughProxy(url, proxyPort)), hostPortOf(url, port));
  });
}

describe.skipIf(!pg)('postgres probe on the real server', () => {
  urlProbeCases('DATABASE_URL', pg?.DATABASE_URL ?? '', postgresProbe, 5432);

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
    await expectUp(kafkaProbe(brokers));
  });

  it('is down while the broker is unreachable and up again after', async () => {
    await upDownUp((port) => kafkaProbe([`127.0.0.1:${port}`]), hostPortOf(brokers[0] ?? '', 9092));
  });
});

describe.skipIf(!redis)('redis probe on the real server', () => {
  urlProbeCases('REDIS_URL', redis?.REDIS_URL ?? '', redisProbe, 6379);
});
