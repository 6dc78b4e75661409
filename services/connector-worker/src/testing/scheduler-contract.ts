import { describe, expect, it } from 'vitest';
import type { JobHandlers } from '../job-catalog';
import type { Scheduler } from '../scheduler';

const payload = { seed: 1, people: 5, days: 1, start: '2026-01-05' };

/** One suite, run against the in-process scheduler and BullMQ on Redis. */
export function describeSchedulerContract(name: string, make: () => Promise<Scheduler>) {
  describe(`scheduler contract: ${name}`, () => {
    it('runs an enqueued job once per jobId, with its payload', async () => {
      const s = await make();
      const seen: unknown[] = [];
      const handlers: JobHandlers = {
        'simulated.sync': async (p) => {
          seen.push(p);
        },
      };
      await s.start(handlers);
      await s.enqueue('simulated.sync', payload, 'job:a');
      await s.enqueue('simulated.sync', payload, 'job:a');
      await s.enqueue('simulated.sync', { ...payload, seed: 2 }, 'job-b');
      await s.whenIdle();
      await s.stop();
      expect(seen).toEqual([payload, { ...payload, seed: 2 }]);
    });

    it('retries a failing job and reports progress', async () => {
      const s = await make();
      let calls = 0;
      const progress: number[] = [];
      await s.start({
        'simulated.sync': async (_p, report) => {
          calls++;
          report({ done: calls, total: 3 });
          progress.push(calls);
          if (calls < 3) throw new Error(`transient failure ${calls}`);
        },
      });
      await s.enqueue('simulated.sync', payload, 'job-retry');
      const deadline = Date.now() + 30_000;
      while (calls < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await s.whenIdle();
      await s.stop();
      expect(calls).toBe(3);
      expect(progress).toEqual([1, 2, 3]);
    });

    it('repeats a scheduled job', async () => {
      const s = await make();
      let runs = 0;
      await s.start({
        'simulated.sync': async () => {
          runs++;
        },
      });
      await s.repeat('simulated.sync', payload, 'every:200ms', 200);
      await s.repeat('simulated.sync', payload, 'every:200ms', 200);
      const deadline = Date.now() + 15_000;
      while (runs < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await s.stop();
      expect(runs).toBeGreaterThanOrEqual(3);
    });

    it('refuses a bad payload with the field named', async () => {
      const s = await make();
      await s.start({ 'simulated.sync': async () => {} });
      await expect(
        s.enqueue('simulated.sync', { ...payload, start: 'yesterday' }, 'job-bad'),
      ).rejects.toThrow(/simulated.sync: bad payload: start/);
      await s.stop();
    });
  });
}
