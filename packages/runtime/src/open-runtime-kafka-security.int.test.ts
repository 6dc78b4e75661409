import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@pushpull/config';
import { isPushpullError } from '@pushpull/core';
import { requireKafkaSecurityListeners } from '@pushpull/testkit';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { openRuntime } from './open-runtime';

const listeners = await requireKafkaSecurityListeners('runtime over Kafka SASL_SSL');

describe.skipIf(!listeners)('openRuntime with KAFKA_SSL and KAFKA_SASL_* from the environment', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pushpull-runtime-sasl-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const envFor = (password: string) => ({
    KAFKA_BROKERS: listeners?.ssl ?? '',
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: listeners?.caFile ?? '',
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: listeners?.username ?? '',
    KAFKA_SASL_PASSWORD: password,
    PUSHPULL_DATA_DIR: dataDir,
    PUSHPULL_NAMESPACE: `sasl-${process.pid}`,
  });
  const logger = pino({ level: 'silent' });

  it('opens the bus with the parsed login and certificate, and publishes', async () => {
    const runtime = await openRuntime(parseConfig(envFor(listeners!.password)), logger, 'runtime-sasl-test');
    try {
      await runtime.bus.publish(runtime.names.raw, [{ key: 'k', value: Buffer.from('{}') }]);
    } finally {
      await runtime.close();
    }
  }, 60_000);

  it('stops start-up with one BUS_AUTH_FAILED line on a wrong KAFKA_SASL_PASSWORD', async () => {
    const err = await openRuntime(
      parseConfig(envFor('wrong-password-31')),
      logger,
      'runtime-sasl-test',
    ).catch((e: unknown) => e);
    expect(isPushpullError(err, 'BUS_AUTH_FAILED')).toBe(true);
    expect((err as Error).message).toContain(
      'KAFKA_SASL_USERNAME=pushpull (KAFKA_SASL_MECHANISM=scram-sha-512)',
    );
    expect((err as Error).message).not.toContain('wrong-password-31');
  }, 60_000);
});
