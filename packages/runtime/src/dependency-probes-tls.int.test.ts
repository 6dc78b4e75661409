import { readFileSync } from 'node:fs';
import { PrivatePostgres, requireKafkaSecurityListeners, requireServices } from '@pushpull/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDependencyHealth } from './dependency-health';
import type { DependencyProbe } from './dependency-probe';
import { kafkaProbe } from './kafka-probe';
import { postgresProbe } from './postgres-probe';

const pg = requireServices('Postgres probe over TLS', ['DATABASE_URL']);
const kafka = await requireKafkaSecurityListeners('Kafka probe over TLS');

async function reportOf(probe: DependencyProbe) {
  return createDependencyHealth([probe], { timeoutMs: 5000 }).check();
}

describe.skipIf(!pg)('postgres probe and sslmode', () => {
  let server: PrivatePostgres;
  beforeAll(async () => {
    server = await PrivatePostgres.create({ tls: {} });
  }, 120_000);
  afterAll(async () => {
    await server?.destroy();
  });

  it('speaks TLS for require and prefer on a server with TLS', async () => {
    for (const mode of ['require', 'prefer', 'verify-full']) {
      const report = await reportOf(postgresProbe(`${server.url()}?sslmode=${mode}`));
      expect(report, mode).toMatchObject({ status: 'ok' });
    }
  });

  it('goes on in plain TCP for prefer on a server without TLS, and is down for require', async () => {
    const plain = new URL(pg!.DATABASE_URL);
    plain.searchParams.set('sslmode', 'prefer');
    expect(await reportOf(postgresProbe(plain.toString()))).toMatchObject({ status: 'ok' });
    plain.searchParams.set('sslmode', 'require');
    const report = await reportOf(postgresProbe(plain.toString()));
    if (report.status === 'ok') return; // DATABASE_URL's server serves TLS
    expect(report.dependencies.postgres?.reason).toMatch(/the server refuses SSL/);
  });
});

describe.skipIf(!kafka)('kafka probe with KAFKA_SSL', () => {
  it('is up on the SASL_SSL listener trusting KAFKA_SSL_CA_FILE, down with the reason without it', async () => {
    const ca = readFileSync(kafka!.caFile, 'utf8');
    const ssl = { ca, caFile: kafka!.caFile, rejectUnauthorized: true };
    expect(await reportOf(kafkaProbe([kafka!.ssl], { ssl }))).toMatchObject({ status: 'ok' });
    // SASL listeners answer ApiVersions before any login: the probe never sends credentials
    expect(await reportOf(kafkaProbe([kafka!.sasl]))).toMatchObject({ status: 'ok' });
    const untrusted = await reportOf(
      kafkaProbe([kafka!.ssl], { ssl: { ca: undefined, caFile: undefined, rejectUnauthorized: true } }),
    );
    expect(untrusted.status).toBe('unavailable');
    expect(untrusted.dependencies.kafka?.reason).toMatch(/self-signed certificate/);
  });
});
