import { isPushpullError } from '@pushpull/core';
import type { Store } from '@pushpull/store';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { type AuthUser, basicAuth } from './basic-auth';
import { leadersReport } from './leaders-report';
import { renderLeadersPage } from './render-leaders-page';

export interface DashboardAppOptions {
  store: Store;
  logger: Logger;
  /** Text of the Prometheus exposition, served on /metrics. */
  metricsText?: () => Promise<string>;
  now?: () => Date;
}

/**
 * The dashboard's HTTP app (CONTRACTS 3b): `/healthz` (open), `/metrics` (open, no personal data),
 * and everything else behind authentication: `/api/leaders?period=P` and the leaders page `/`.
 * Leaders see only themselves; admins and analysts see every leader.
 *
 * @example serve({ fetch: createDashboardApp({ store, logger }).fetch, port: 3000 });
 */
export function createDashboardApp(options: DashboardAppOptions): Hono<{ Variables: { user: AuthUser } }> {
  const { store, logger } = options;
  const now = options.now ?? (() => new Date());
  const app = new Hono<{ Variables: { user: AuthUser } }>();

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/metrics', async (c) => c.text(options.metricsText ? await options.metricsText() : ''));

  const auth = basicAuth(store);
  app.use('/api/*', auth);
  app.use('/', auth);

  const visible = (user: AuthUser, leaders: Awaited<ReturnType<typeof leadersReport>>) =>
    user.role === 'leader' ? leaders.filter((l) => l.personId === user.personId) : leaders;

  app.get('/api/leaders', async (c) => {
    const period = c.req.query('period') ?? 'last-90d';
    try {
      return c.json(visible(c.get('user'), await leadersReport(store, period, now())));
    } catch (err) {
      if (isPushpullError(err, 'PERIOD_INVALID')) return c.json({ error: err.message }, 400);
      throw err;
    }
  });

  app.get('/', async (c) => {
    const period = c.req.query('period') ?? 'last-90d';
    try {
      return c.html(
        renderLeadersPage(visible(c.get('user'), await leadersReport(store, period, now())), period),
      );
    } catch (err) {
      if (isPushpullError(err, 'PERIOD_INVALID')) return c.text(err.message, 400);
      throw err;
    }
  });

  app.onError((err, c) => {
    logger.error({ path: c.req.path, err: { message: err.message } }, 'request failed');
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
