import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DependencyHealth, healthzResponse } from '@pushpull/runtime';
import type { Registry } from 'prom-client';

/** What the metrics server serves besides the registry. */
export interface MetricsServerOptions {
  /** The dependencies `/healthz` reports on (503 while one is down); without it `/healthz` is always 200. */
  health?: DependencyHealth;
}

/**
 * A tiny HTTP server with `/metrics` (Prometheus text) and `/healthz`, for processes that run no
 * dashboard (`pushpull serve --only classifier` with PUSHPULL_METRICS_PORT set). `/healthz` answers
 * like the dashboard's (see `healthzResponse`): 200 `{"status":"ok",…}`, or 503
 * `{"status":"unavailable","failing":["kafka"],…}` while a dependency of the process is unreachable.
 * A failing handler answers 500; it never takes the server down.
 *
 * @example const s = await startMetricsServer(runtime.metrics.registry, '127.0.0.1', 9464, { health });
 */
export async function startMetricsServer(
  registry: Registry,
  host: string,
  port: number,
  options: MetricsServerOptions = {},
): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const failed = () => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    };
    if (path === '/healthz') {
      healthzResponse(options.health).then(
        ({ status, body }) =>
          res
            .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
            .end(JSON.stringify(body)),
        failed,
      );
      return;
    }
    if (path === '/metrics') {
      registry
        .metrics()
        .then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text), failed);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
