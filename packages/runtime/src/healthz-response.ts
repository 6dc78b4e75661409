import type { DependencyHealth, DependencyReport } from './dependency-health';

/** What `/healthz` answers: the HTTP status and the JSON body. */
export interface HealthzResponse {
  status: 200 | 503;
  body: DependencyReport;
}

/**
 * The `/healthz` answer of every pushpull HTTP server (the dashboard and the PUSHPULL_METRICS_PORT
 * server): 200 with `{"status":"ok",…}` while every dependency the process uses is up, 503 with
 * `{"status":"unavailable","failing":["postgres"],"dependencies":{"postgres":{"up":false,"reason":…}}}`
 * while one is down. Without `health` (or with no dependencies) it is always 200. Never throws.
 *
 * @example const { status, body } = await healthzResponse(health); res.writeHead(status).end(JSON.stringify(body));
 */
export async function healthzResponse(health: DependencyHealth | undefined): Promise<HealthzResponse> {
  if (!health) return { status: 200, body: { status: 'ok', failing: [], dependencies: {} } };
  try {
    const body = await health.check();
    return { status: body.status === 'ok' ? 200 : 503, body };
  } catch {
    // check() never rejects; this only guards a foreign DependencyHealth implementation
    return { status: 503, body: { status: 'unavailable', failing: [], dependencies: {} } };
  }
}
