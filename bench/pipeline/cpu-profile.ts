import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { say } from '../say';

/** A CPU profile being recorded; `stop(name)` writes it to `<BENCH_CPU_PROFILE>/<name>.cpuprofile`. */
export interface RunningProfile {
  stop(name: string): Promise<string>;
}

/**
 * Starts V8's sampling CPU profiler in this process when `BENCH_CPU_PROFILE` names a folder (else
 * null): the bench runs classifier and aggregator in process, so the profile holds both services (and
 * the Kafka client, the store's driver and the garbage collector under them). Summarise one with
 * `tsx bench/pipeline/profile-summary.ts FILE`. Open it in Chrome DevTools for the whole tree.
 */
export async function startProfile(): Promise<RunningProfile | null> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return null;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  return {
    async stop(name) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      say(`CPU profile of ${name} → ${file}`);
      return file;
    },
  };
}
