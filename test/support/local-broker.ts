import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { hostPortOf } from '@pushpull/testkit';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Stops and starts the real broker a test runs against. */
export interface LocalBroker {
  /** The broker's pid before the restart (a test can check a new process answers after). */
  readonly pid: number;
  /** Stops the broker (SIGTERM: a controlled shutdown, as `systemctl restart` does). */
  stop(): Promise<void>;
  /** Starts it again with the same data directory; resolves once it serves clients. */
  start(): Promise<void>;
}

/**
 * The broker at `brokers` when it is one `infra/kafka/start.sh` started on this machine (its pid file in
 * `PUSHPULL_CACHE`, default `~/.cache/pushpull`, names a live `kafka.Kafka` process), so a fault test
 * can really restart it; null for any other broker (Docker, remote), which a test can only cut off.
 */
export function localBroker(brokers: string): LocalBroker | null {
  const { host, port } = hostPortOf(brokers.split(',')[0]!.trim(), 9092);
  if (host !== '127.0.0.1' && host !== 'localhost') return null;
  const cache = process.env.PUSHPULL_CACHE ?? join(homedir(), '.cache', 'pushpull');
  const pidFile = join(cache, `kafka-${port}.pid`);
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return null;
  }
  if (!cmdline.includes('kafka.Kafka')) return null;
  const script = (name: string) =>
    run('bash', [join(ROOT, 'infra/kafka', name)], {
      env: { ...process.env, KAFKA_PORT: String(port), PUSHPULL_CACHE: cache },
      timeout: 180_000,
    }).then(
      () => undefined,
      (err: { stdout?: string; stderr?: string }) => {
        throw new Error(`infra/kafka/${name} failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`, {
          cause: err,
        });
      },
    );
  return { pid, stop: () => script('stop.sh'), start: () => script('start.sh') };
}
