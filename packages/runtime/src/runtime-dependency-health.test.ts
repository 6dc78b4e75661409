import net from 'node:net';
import { Writable } from 'node:stream';
import type { PushpullConfig } from '@pushpull/config';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createPipelineMetrics } from './pipeline-metrics';
import { createRuntimeDependencyHealth } from './runtime-dependency-health';

describe('createRuntimeDependencyHealth', () => {
  it('probes what the process uses, logs the outage once without the password, and exports the gauge', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((r) => server.close(r)); // nothing listens there now

    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const metrics = createPipelineMetrics();
    const config = {
      databaseUrl: `postgres://app:hunter2@127.0.0.1:${port}/pushpull`,
      kafkaBrokers: undefined,
      redisUrl: 'redis://127.0.0.1:6379',
    } as PushpullConfig;
    const clock = { t: 0 };
    const health = createRuntimeDependencyHealth(
      { config, logger: pino({ level: 'info' }, sink), metrics },
      {}, // no scheduler here: Redis is configured but not used
      { now: () => clock.t },
    );
    expect(health.names).toEqual(['postgres']);
    await health.check();
    clock.t += 10_000;
    await health.check();
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 40,
      msg: 'postgres is unreachable',
      dependency: 'postgres',
      target: `127.0.0.1:${port}`,
      reason: `connect ECONNREFUSED 127.0.0.1:${port}`,
    });
    expect(lines.join('')).not.toContain('hunter2');
    expect(await metrics.registry.metrics()).toContain('pushpull_dependency_up{dependency="postgres"} 0');
  });
});
