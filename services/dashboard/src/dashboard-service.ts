import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Store } from '@pushpull/store';
import type { Logger } from 'pino';
import { createDashboardApp } from './dashboard-app';
import { ensureAdmin } from './ensure-admin';

export interface DashboardServiceOptions {
  store: Store;
  logger: Logger;
  port: number;
  host: string;
  adminPassword: string | undefined;
  /** Prometheus text of the process's metrics, served on /metrics. */
  metricsText?: () => Promise<string>;
  /** Where the one-time generated admin password is announced. Default: stdout. */
  announce?: (line: string) => void;
}

/** A running dashboard. */
export interface DashboardService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts the dashboard HTTP server. On a first start without PUSHPULL_ADMIN_PASSWORD it creates the
 * `admin` login and announces the generated password once.
 *
 * @example const dash = await startDashboardService({ store, logger, port: 3000, host: '127.0.0.1', adminPassword });
 */
export async function startDashboardService(options: DashboardServiceOptions): Promise<DashboardService> {
  const announce = options.announce ?? ((line: string) => process.stdout.write(`${line}\n`));
  const generated = await ensureAdmin(options.store, options.adminPassword);
  const app = createDashboardApp({
    store: options.store,
    logger: options.logger,
    ...(options.metricsText ? { metricsText: options.metricsText } : {}),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host}:${port}`;
  announce(`pushpull dashboard: ${url}`);
  if (generated) {
    announce(
      `first run: created login admin / ${generated} (shown once; set PUSHPULL_ADMIN_PASSWORD to choose it)`,
    );
  }
  options.logger.info({ url }, 'dashboard listening');
  return {
    url,
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
