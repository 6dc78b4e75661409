import { BullmqScheduler } from '@pushpull/service-connector-worker';
import { PrivateRedis, requireServices, uniqueName } from '@pushpull/testkit';
import { describe, expect, it } from 'vitest';
import { capturingLogger } from '../support/fault-run';
import { waitFor } from '../support/spawn-service';

const env = requireServices('the Redis outage fault test', ['REDIS_URL']);

describe.skipIf(!env)(
  'Redis restarts under the scheduler (a private redis-server, without persistence)',
  () => {
    it('the BullMQ scheduler survives it, says so once each way, and its repeated job runs again after', async () => {
      // Its own server, really stopped and started: it comes back empty (no persistence), job schedulers
      // gone, as a restarted Redis without persistence does.
      const redis = await PrivateRedis.start();
      const { lines, logger } = capturingLogger();
      const scheduler = new BullmqScheduler(
        redis.url,
        logger,
        uniqueName('redis-outage').replace(/[^a-z0-9.-]/gi, '-'),
        0.01,
      );
      const runs: number[] = [];
      try {
        await scheduler.connect();
        await scheduler.start({
          'simulated.sync': async () => {
            runs.push(performance.now());
          },
          'source.sync': async () => {},
        });
        await scheduler.repeat(
          'simulated.sync',
          { seed: 1, people: 2, days: 1, start: '2026-01-01' },
          'redis-outage-every-500ms',
          500,
        );
        await waitFor('two runs', async () => runs.length >= 2, 60_000, 50);
        await redis.stop();
        await new Promise((r) => setTimeout(r, 8000));
        const before = runs.length;
        const backAt = performance.now();
        await redis.restart();
        await waitFor('two runs after Redis is back', async () => runs.length >= before + 2, 120_000, 50);
        const firstRunAfter = (runs.find((t) => t > backAt) ?? Number.NaN) - backAt;

        const down = lines.filter((l) => l.msg === 'Redis unreachable: scheduled jobs wait until it is back');
        const back = lines.filter((l) => /^Redis is back after [\d.]+ s$/.test(l.msg));
        expect(down).toHaveLength(1);
        expect(back.length).toBeGreaterThanOrEqual(1);
        expect(lines.some((l) => l.msg === 'repeated jobs declared again after Redis came back')).toBe(true);
        process.stderr.write(
          `[fault] Redis stopped for 8 s and restarted empty under the scheduler: the repeated job ran again ${(firstRunAfter / 1000).toFixed(1)} s ` +
            `after it was back (${back[0]?.msg})\n`,
        );
      } finally {
        await scheduler.stop();
        await redis.stop();
      }
    }, 300_000);
  },
);
