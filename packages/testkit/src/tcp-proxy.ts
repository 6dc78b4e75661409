import net from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * A TCP proxy a test owns in front of a real service (Postgres, Kafka, Redis): `down()` stops
 * listening and cuts every connection, so the service looks gone to its clients exactly as when it
 * restarts (established connections reset, new ones refused); `up()` listens again on the same port.
 * The service itself is never touched, so suites sharing it are unaffected.
 *
 * @example const proxy = new TcpProxy('127.0.0.1', 5432); await proxy.up(); // then connect to proxy.port
 */
export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  /** The port clients connect to (chosen on the first `up()`, kept after). */
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  /** Listens (again) and forwards every connection to the service. */
  async up(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => {});
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Cuts every connection and stops listening. */
  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * The host and port of a `host:port` list's first entry or of a URL's server.
 *
 * @example hostPortOf('postgres://u@127.0.0.1:5432/test', 5432) // { host: '127.0.0.1', port: 5432 }
 * @example hostPortOf('127.0.0.1:9092,other:9092', 9092) // { host: '127.0.0.1', port: 9092 }
 */
export function hostPortOf(value: string, defaultPort: number): { host: string; port: number } {
  if (value.includes('://')) {
    const url = new URL(value);
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : defaultPort };
  }
  const first = value.split(',')[0]?.trim() ?? '';
  const at = first.lastIndexOf(':');
  return at < 0
    ? { host: first, port: defaultPort }
    : { host: first.slice(0, at), port: Number(first.slice(at + 1)) };
}

/**
 * `url` with its server replaced by 127.0.0.1:`port` (a proxy's), everything else kept.
 *
 * @example throughProxy('postgres://postgres@127.0.0.1:5432/db', 40001) // 'postgres://postgres@127.0.0.1:40001/db'
 */
export function throughProxy(url: string, port: number): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
}

/**
 * A preload for a child process (`NODE_OPTIONS=--require <this>`) that sends its TCP connections for
 * `PUSHPULL_TEST_REDIRECT`'s `from` (`host:port=host:port`) to `to`: a Kafka client learns the broker's
 * advertised address from metadata and would otherwise go round a {@link TcpProxy}.
 *
 * @example spawn(node, [bin], { env: { NODE_OPTIONS: `--require ${REDIRECT_PRELOAD}`, PUSHPULL_TEST_REDIRECT: `127.0.0.1:9092=127.0.0.1:${proxy.port}` } })
 */
export const REDIRECT_PRELOAD = fileURLToPath(new URL('./redirect-connections.cjs', import.meta.url));
