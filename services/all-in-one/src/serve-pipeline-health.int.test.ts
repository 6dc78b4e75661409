import { parseConfig } from '@pushpull/config';
import { createLogger, type DependencyReport } from '@pushpull/runtime';
import { createScratchDatabase } from '@pushpull/store/testing';
import { requireServices, uniqueName } from '@pushpull/testkit';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Pipeline, servePipeline } from './serve-pipeline';

const env = requireServices('/healthz and pushpull_dependency_up of `serve` on Kafka + Postgres + Redis', [
  'KAFKA_BROKERS',
  'DATABASE_URL',
  'REDIS_URL',
]);

describe.skipIf(!env)('serve --only classifier,connectors with PUSHPULL_METRICS_PORT', () => {
  let pipeline: Pipeline;
  let drop: () => Promise<void>;
  let base = '';

  beforeAll(async () => {
    const db = await createScratchDatabase(env!.DATABASE_URL);
    drop = db.drop;
    const config = parseConfig({
      KAFKA_BROKERS: env!.KAFKA_BROKERS,
      DATABASE_URL: db.url,
      REDIS_URL: env!.REDIS_URL,
      PUSHPULL_NAMESPACE: uniqueName('healthz').replace(/[^a-z0-9.-]/gi, '-'),
      PUSHPULL_METRICS_PORT: '0',
    });
    pipeline = await servePipeline({
      config,
      logger: createLogger('warn', 'test', pino.destination({ dest: 2, sync: true })),
      services: ['connectors', 'classifier'],
      announce: (line) => {
        base = /(http:\/\/\S+)\/metrics/.exec(line)?.[1] ?? base;
      },
    });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await drop?.();
  });

  it('answers /healthz 200 naming the three dependencies it uses, all up', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${base}/healthz`);
    const body = (await res.json()) as DependencyReport;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.dependencies)).toEqual(['postgres', 'kafka', 'redis']);
    expect(pipeline.dependencies.names).toEqual(['postgres', 'kafka', 'redis']);
  });

  it('exports pushpull_dependency_up for each on /metrics', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    for (const dependency of ['postgres', 'kafka', 'redis']) {
      expect(text).toContain(`pushpull_dependency_up{dependency="${dependency}"} 1`);
    }
  });
});
