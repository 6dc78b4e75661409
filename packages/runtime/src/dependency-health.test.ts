import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerDependencyGauge } from './dependency-gauge';
import { createDependencyHealth, type DependencyStatus, safeReason } from './dependency-health';
import type { DependencyName, DependencyProbe } from './dependency-probe';
import { healthzResponse } from './healthz-response';
import { fakeProbe } from './testing/fake-probe';

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

/** Fake Postgres and Kafka probes (both up) and their health on a test clock. */
function postgresAndKafka() {
  const pg = fakeProbe('postgres');
  const kafka = fakeProbe('kafka');
  const c = clock();
  return { pg, kafka, c, health: createDependencyHealth([pg.probe, kafka.probe], { now: c.now }) };
}

describe('createDependencyHealth', () => {
  it('is ok with every probe up, and names the failing dependency with its reason', async () => {
    const { kafka, c, health } = postgresAndKafka();
    expect(health.names).toEqual(['postgres', 'kafka']);
    const ok = await health.check();
    expect(ok).toEqual({
      status: 'ok',
      failing: [],
      dependencies: {
        postgres: { up: true, checkedAt: new Date(c.t).toISOString() },
        kafka: { up: true, checkedAt: new Date(c.t).toISOString() },
      },
    });

    kafka.state.fail = new Error('connect ECONNREFUSED 127.0.0.1:9092');
    c.t += 2000;
    const down = await health.check();
    expect(down.status).toBe('unavailable');
    expect(down.failing).toEqual(['kafka']);
    expect(down.dependencies.kafka).toEqual({
      up: false,
      reason: 'connect ECONNREFUSED 127.0.0.1:9092',
      checkedAt: new Date(c.t).toISOString(),
    });
    expect(down.dependencies.postgres?.up).toBe(true);
  });

  it('probes at most once per cacheMs on the injected clock, and is ok again once the dependency is back', async () => {
    const pg = fakeProbe('postgres');
    const c = clock();
    const health = createDependencyHealth([pg.probe], { now: c.now, cacheMs: 5000 });
    pg.state.fail = new Error('down');
    for (let i = 0; i < 50; i++) expect((await health.check()).status).toBe('unavailable');
    expect(pg.state.calls).toBe(1);

    pg.state.fail = null;
    c.t += 4999;
    expect((await health.check()).status).toBe('unavailable'); // still the cached result
    expect(pg.state.calls).toBe(1);
    c.t += 1;
    expect((await health.check()).status).toBe('ok');
    expect(pg.state.calls).toBe(2);

    c.t -= 60_000; // a clock that went back does not pin a result for ever
    await health.check();
    expect(pg.state.calls).toBe(3);
  });

  it('shares one probe between concurrent checks', async () => {
    const redis = fakeProbe('redis');
    const health = createDependencyHealth([redis.probe], { now: clock().now });
    const reports = await Promise.all(Array.from({ length: 20 }, () => health.check()));
    expect(redis.state.calls).toBe(1);
    expect(new Set(reports.map((r) => r.status))).toEqual(new Set(['ok']));
  });

  it('counts a probe without an answer as down after timeoutMs and aborts it', async () => {
    const kafka = fakeProbe('kafka');
    kafka.state.hang = true;
    const health = createDependencyHealth([kafka.probe], { now: clock().now, timeoutMs: 20 });
    const report = await health.check();
    expect(report.failing).toEqual(['kafka']);
    expect(report.dependencies.kafka?.reason).toBe('no answer from kafka.test:1 within 20 ms');
    expect(kafka.state.signals[0]?.aborted).toBe(true);
  });

  it('never throws: a probe that throws synchronously or rejects with a non-error is just down', async () => {
    const sync: DependencyProbe = {
      name: 'postgres',
      target: 'x',
      check: () => {
        throw new TypeError('boom');
      },
    };
    const odd: DependencyProbe = { name: 'redis', target: 'y', check: () => Promise.reject('weird') };
    const report = await createDependencyHealth([sync, odd], { now: clock().now }).check();
    expect(report.failing).toEqual(['postgres', 'redis']);
    expect(report.dependencies.postgres?.reason).toBe('boom');
    expect(report.dependencies.redis?.reason).toBe('weird');
  });

  it('keeps passwords and URLs out of reasons', async () => {
    const pg = fakeProbe('postgres', ['hunter2']);
    pg.state.fail = new Error(
      'password hunter2 refused for postgres://app:hunter2@db.internal:5432/pushpull?sslmode=require',
    );
    const report = await createDependencyHealth([pg.probe], { now: clock().now }).check();
    const reason = report.dependencies.postgres?.reason ?? '';
    expect(reason).toBe('password *** refused for <url>');
    expect(JSON.stringify(report)).not.toContain('hunter2');
  });

  it('reports changes: down (also on the first check) and back up, not every check', async () => {
    const pg = fakeProbe('postgres');
    const c = clock();
    const changes: Array<[DependencyName, DependencyStatus]> = [];
    const health = createDependencyHealth([pg.probe], {
      now: c.now,
      cacheMs: 10,
      onChange: (name, status) => changes.push([name, status]),
    });
    await health.check(); // first check, up: nothing to say
    pg.state.fail = new Error('gone');
    for (let i = 0; i < 3; i++) {
      c.t += 10;
      await health.check();
    }
    pg.state.fail = null;
    c.t += 10;
    await health.check();
    expect(changes.map(([n, s]) => [n, s.up, s.reason])).toEqual([
      ['postgres', false, 'gone'],
      ['postgres', true, undefined],
    ]);
  });

  it('is always ok without probes (embedded mode)', async () => {
    expect(await createDependencyHealth([]).check()).toEqual({ status: 'ok', failing: [], dependencies: {} });
  });
});

describe('healthzResponse and the pushpull_dependency_up gauge', () => {
  it('answers 200 while all are up, 503 naming the failing one, and the gauge follows', async () => {
    const { pg, c, health } = postgresAndKafka();
    const registry = new Registry();
    registerDependencyGauge(registry, health);

    expect((await healthzResponse(health)).status).toBe(200);
    let text = await registry.metrics();
    expect(text).toContain('pushpull_dependency_up{dependency="postgres"} 1');
    expect(text).toContain('pushpull_dependency_up{dependency="kafka"} 1');

    pg.state.fail = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    c.t += 60_000;
    const down = await healthzResponse(health);
    expect(down.status).toBe(503);
    expect(down.body.failing).toEqual(['postgres']);
    text = await registry.metrics();
    expect(text).toContain('pushpull_dependency_up{dependency="postgres"} 0');
    expect(text).toContain('pushpull_dependency_up{dependency="kafka"} 1');
    expect(text).not.toContain('dependency="redis"');
  });

  it('answers 200 without a health source, and the gauge has no series without probes', async () => {
    expect(await healthzResponse(undefined)).toEqual({
      status: 200,
      body: { status: 'ok', failing: [], dependencies: {} },
    });
    const registry = new Registry();
    registerDependencyGauge(registry, createDependencyHealth([]));
    expect(await registry.metrics()).not.toMatch(/pushpull_dependency_up\{/);
  });
});

describe('safeReason', () => {
  it('joins an AggregateError without message (a host name with two addresses) and caps the length', () => {
    const agg = new AggregateError(
      [new Error('connect ECONNREFUSED ::1:5432'), new Error('connect ECONNREFUSED 127.0.0.1:5432')],
      '',
    );
    expect(safeReason(agg, [])).toBe('connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432');
    expect(safeReason(new Error('x'.repeat(500)), [])).toHaveLength(200);
  });
});
