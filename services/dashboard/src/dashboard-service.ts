import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { DependencyHealth } from '@pushpull/runtime';
import type { Store } from '@pushpull/store';
import type { Logger } from 'pino';
import { createDashboardApp, type DashboardAppOptions } from './dashboard-app';
import { ensureAdmin } from './ensure-admin';
import type { PipelineHealthSource } from './pipeline-health';
import { applyUserChange, UserInbox } from './user-inbox';
import { ViewAuditLog } from './view-audit-log';
import { ensureWebBundle, loadWebBundle } from './web-bundle';

export interface DashboardServiceOptions {
  store: Store;
  logger: Logger;
  port: number;
  host: string;
  adminPassword: string | undefined;
  /** Prometheus text of the process's metrics, served on /metrics. */
  metricsText?: () => Promise<string>;
  /** Pipeline state (lag, DLQ sizes, errors) for the pipeline health page. */
  health?: PipelineHealthSource;
  /** The dependencies `/healthz` reports on (503 while one is unreachable). */
  dependencies?: DependencyHealth;
  /** Where the one-time generated admin password is announced. Default: stdout. */
  announce?: (line: string) => void;
  /** The report cache of `/api/leaders` and `/api/overview` (see DashboardAppOptions). Default on. */
  reportCache?: DashboardAppOptions['reportCache'];
  /**
   * Embedded (PGlite) mode: the folder of the login-change inbox (`userInboxDir(dataDir)`), through which
   * `pushpull users add|remove` reach this running process. Unset with Postgres.
   */
  userInboxDir?: string;
  /** PUSHPULL_TRUST_PROXY (see DashboardAppOptions.trustProxy). Default false. */
  trustProxy?: boolean;
}

/** A running dashboard. */
export interface DashboardService {
  url: string;
  port: number;
  /** Stops the server, then writes the queued view audit rows (close the store after it). */
  stop(): Promise<void>;
}

/**
 * Starts the dashboard HTTP server, building the web UI first when its bundle is missing or older
 * than its sources (a fresh clone needs no build step). On a first start without PUSHPULL_ADMIN_PASSWORD it creates the
 * `admin` login and announces the generated password once.
 *
 * @example const dash = await startDashboardService({ store, logger, port: 3000, host: '127.0.0.1', adminPassword });
 */
export async function startDashboardService(options: DashboardServiceOptions): Promise<DashboardService> {
  const announce = options.announce ?? ((line: string) => process.stdout.write(`${line}\n`));
  const generated = await ensureAdmin(options.store, options.adminPassword);
  const web = loadWebBundle(await ensureWebBundle());
  const inbox = options.userInboxDir ? new UserInbox(options.userInboxDir) : undefined;
  if (inbox) {
    inbox.claim();
    inbox.watch(
      (change) => applyUserChange(options.store, change),
      (err) =>
        options.logger.error(
          { err: { message: err instanceof Error ? err.message : String(err) } },
          'user change failed',
        ),
    );
  }
  // the audit of named views: queued, written once a second, flushed on stop
  const viewAudit = new ViewAuditLog(options.store.db, {
    onError: (err, rows) =>
      options.logger.error(
        { rows, err: { message: err instanceof Error ? err.message : String(err) } },
        'dashboard view audit not written',
      ),
  });
  const app = createDashboardApp({
    store: options.store,
    logger: options.logger,
    web,
    viewAudit,
    ...(options.health ? { health: options.health } : {}),
    ...(options.metricsText ? { metricsText: options.metricsText } : {}),
    ...(options.dependencies ? { dependencies: options.dependencies } : {}),
    ...(options.reportCache !== undefined ? { reportCache: options.reportCache } : {}),
    ...(inbox ? { userInbox: inbox } : {}),
    trustProxy: options.trustProxy ?? false,
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
    stop: async () => {
      await new Promise<void>((resolve) => {
        inbox?.release();
        server.close(() => resolve());
      });
      await viewAudit.close();
    },
  };
}
