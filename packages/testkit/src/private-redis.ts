import { type ChildProcess, spawn } from 'node:child_process';
import { closedPort } from './closed-port';

/**
 * A throw-away Redis server a fault test owns (`redis-server` from PATH, no persistence, 127.0.0.1 and
 * its own port), so the test can really stop and restart it — losing everything it held, as a Redis
 * without persistence does — without touching the Redis other suites share.
 *
 * @example const redis = await PrivateRedis.start(); await redis.stop(); await redis.restart(); await redis.stop();
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;

  private constructor(
    /** The port the server listens on (kept across restarts). */
    readonly port: number,
  ) {}

  /** The `redis://` URL of the server. */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts a server on a free port and resolves once it accepts connections. */
  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await closedPort());
    await redis.restart();
    return redis;
  }

  /** Starts the server again on the same port, empty; resolves once it is ready. */
  async restart(): Promise<void> {
    if (this.child) throw new Error(`the private Redis on port ${this.port} is still running`);
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ready to accept connections')) {
          child.stdout?.off('data', onData);
          child.stdout?.resume();
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.resume();
      child.once('error', reject);
      child.once('exit', (code) => {
        this.child = null;
        reject(
          new Error(
            `redis-server on port ${this.port} exited (${code}) before it was ready: ${out.slice(-500)}`,
          ),
        );
      });
    });
  }

  /** Stops the server (SIGTERM) and resolves once it has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
