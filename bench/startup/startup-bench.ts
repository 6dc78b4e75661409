import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '@pushpull/metrics';
import { say } from '../say';

/** Options of {@link runStartupBench}. */
export interface StartupBenchOptions {
  /** Runs of each command; the median is reported (the issue asks for 10). */
  runs: number;
}

/** The medians the packaging issue holds `pushpull` to, as multiples of `node -e 0`. */
export const STARTUP_TARGETS = { help: 6, classifyOne: 10 } as const;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'packages/cli/bin/pushpull.mjs');
const SOURCE_MAIN = path.join(ROOT, 'packages/cli/src/main.ts');
const TIME = '/usr/bin/time';

/** The median of measured times (there is always at least one run). */
function medianOf(xs: number[]): number {
  return median(xs) ?? Number.NaN;
}

/** One command's medians over the runs: wall seconds and, where /usr/bin/time exists, peak RSS. */
interface Timed {
  seconds: number;
  peakMb: number | undefined;
}

/** Runs `node ...args` `runs` times (after one warm-up) and returns the medians. */
function timeCommand(args: string[], runs: number, env: Record<string, string>): Timed {
  const withTime = existsSync(TIME);
  const seconds: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const r = withTime
      ? spawnSync(TIME, ['-f', '%M', process.execPath, ...args], {
          encoding: 'utf8',
          env: { ...process.env, ...env },
        })
      : spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, ...env } });
    const elapsed = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    if (i === 0) continue; // warm-up: file system cache, tsx's transform cache
    seconds.push(elapsed);
    const kb = withTime ? Number(r.stderr.trim().split('\n').pop()) : Number.NaN;
    if (Number.isFinite(kb)) peaks.push(kb / 1024);
  }
  return { seconds: medianOf(seconds), peakMb: peaks.length > 0 ? medianOf(peaks) : undefined };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHealthz(port: number, child: ChildProcess, deadlineMs: number): Promise<void> {
  const until = performance.now() + deadlineMs;
  while (performance.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`pushpull serve exited with ${child.exitCode} before /healthz`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no /healthz within ${deadlineMs} ms`);
}

/** Median seconds from spawning `pushpull serve --only dashboard` to /healthz answering 200. */
async function timeDashboard(args: string[], runs: number, dataDir: string): Promise<number> {
  const seconds: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const port = await freePort();
    const t0 = performance.now();
    const child = spawn(process.execPath, [...args, 'serve', '--only', 'dashboard'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PUSHPULL_DATA_DIR: dataDir,
        PORT: String(port),
        PUSHPULL_ADMIN_PASSWORD: 'bench-password-1',
        PUSHPULL_LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    try {
      await waitForHealthz(port, child, 120_000);
      if (i > 0) seconds.push((performance.now() - t0) / 1000); // run 0 creates the database
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
  return medianOf(seconds);
}

const ratio = (x: number, base: number) => `${(x / base).toFixed(1)}×`;
const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
const mb = (m: number | undefined) => (m === undefined ? '' : `, ${m.toFixed(0)} MB peak`);

/**
 * `npm run bench:startup`: how fast `pushpull` starts, as medians of `runs` runs and as multiples of
 * `node -e 0` measured in the same run: `--help`, `classify` of one event and the time from
 * `serve --only dashboard` to `/healthz`, for the compiled build and, beside it, the sources run
 * through tsx (how the bin ran before the build).
 */
export async function runStartupBench(options: StartupBenchOptions): Promise<void> {
  if (!existsSync(path.join(ROOT, 'packages/cli/dist/pushpull.js'))) {
    throw new Error('no build: run npm run build first');
  }
  const work = mkdtempSync(path.join(tmpdir(), 'pushpull-startup-'));
  try {
    const simulated = spawnSync(
      process.execPath,
      [BIN, 'simulate', '--seed', '7', '--people', '12', '--days', '3', '--start', '2026-09-01']
        .concat(['--out', path.join(work, 'events.jsonl'), '--org-out', path.join(work, 'org.csv')])
        .concat(['--truth', path.join(work, 'truth.json')]),
      { encoding: 'utf8' },
    );
    if (simulated.status !== 0) throw new Error(`pushpull simulate failed: ${simulated.stderr}`);
    const firstEvent = readFileSync(path.join(work, 'events.jsonl'), 'utf8').split('\n')[0];
    writeFileSync(path.join(work, 'one.jsonl'), `${firstEvent}\n`);
    const classifyArgs = [
      'classify',
      '--org',
      path.join(work, 'org.csv'),
      '--input',
      path.join(work, 'one.jsonl'),
    ];
    const env = { PUSHPULL_DATA_DIR: path.join(work, 'data') };
    const { runs } = options;
    say(`startup: medians of ${runs} runs each on Node ${process.version} (after one warm-up run)`);

    const node = timeCommand(['-e', '0'], runs, {});
    say(`node -e 0                     ${ms(node.seconds)}${mb(node.peakMb)}   (the baseline)`);
    const tsx = ['--import', 'tsx', SOURCE_MAIN];
    const figures: Array<[string, Timed, Timed, number | undefined]> = [
      [
        'pushpull --help',
        timeCommand([BIN, '--help'], runs, env),
        timeCommand([...tsx, '--help'], runs, env),
        STARTUP_TARGETS.help,
      ],
      [
        'pushpull classify (1 event)',
        timeCommand([BIN, ...classifyArgs], runs, env),
        timeCommand([...tsx, ...classifyArgs], runs, env),
        STARTUP_TARGETS.classifyOne,
      ],
    ];
    for (const [what, built, source, target] of figures) {
      const verdict =
        target === undefined
          ? ''
          : built.seconds / node.seconds <= target
            ? ` ≤ ${target}× ✓`
            : ` > ${target}× ✗`;
      say(
        `${what.padEnd(29)} ${ms(built.seconds)} = ${ratio(built.seconds, node.seconds)} node${verdict}${mb(built.peakMb)}` +
          `   | sources through tsx: ${ms(source.seconds)} = ${ratio(source.seconds, node.seconds)}${mb(source.peakMb)}`,
      );
    }
    const dashboardRuns = Math.max(3, Math.min(runs, 10));
    const built = await timeDashboard([BIN], dashboardRuns, path.join(work, 'data-built'));
    const source = await timeDashboard(tsx, dashboardRuns, path.join(work, 'data-source'));
    say(
      `serve --only dashboard → /healthz ${ms(built)} = ${ratio(built, node.seconds)} node` +
        `   | sources through tsx: ${ms(source)} = ${ratio(source, node.seconds)}   (median of ${dashboardRuns}, existing database)`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
