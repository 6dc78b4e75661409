import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One service running in its own process, as a deployment runs it (`services/<name>/dist/main.js`). */
export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Resolves when the service has logged that it started consuming. */
  started: Promise<void>;
  /** Its peak resident memory so far, in MB (Linux `VmHWM`), or null where /proc is missing. */
  peakRssMb(): number | null;
  /** The last lines it wrote, for an error message. */
  tail(): string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts the compiled `main` of a pipeline service with `env` (on top of PATH and HOME only). Its JSON
 * log lines are read for the `<name> started` line; nothing else is kept but the last lines.
 *
 * @example const p = spawnService('classifier', { KAFKA_BROKERS, DATABASE_URL, PUSHPULL_NAMESPACE: ns });
 */
export function spawnService(
  name: 'classifier' | 'aggregator',
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): ServiceProcess {
  const main = `${REPO_ROOT}services/${name}/dist/main.js`;
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PUSHPULL_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let last: string[] = [];
  let signalStarted: () => void = () => undefined;
  let failStart: (err: Error) => void = () => undefined;
  const started = new Promise<void>((resolve, reject) => {
    signalStarted = resolve;
    failStart = reject;
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      failStart(new Error(`${name} exited (${code ?? signal}) before it started:\n${last.join('\n')}`));
      resolve();
    }),
  );
  const read = (chunk: Buffer) => {
    for (const line of String(chunk).split('\n')) {
      if (!line.trim()) continue;
      last = [...last.slice(-20), line];
      if (line.includes(`"${name} started"`)) signalStarted();
    }
  };
  child.stdout?.on('data', read);
  child.stderr?.on('data', read);
  return {
    name,
    child,
    started,
    peakRssMb() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
        return Number.isFinite(kb) ? Math.round((kb * 1024) / 1e6) : null;
      } catch {
        return null;
      }
    },
    tail: () => last.join('\n'),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
