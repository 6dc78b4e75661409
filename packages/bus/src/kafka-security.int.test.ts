import { readFileSync } from 'node:fs';
import { isPushpullError } from '@pushpull/core';
import { requireKafkaSecurityListeners, uniqueName } from '@pushpull/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { isBusOutage } from './bus-outage';
import { createBus, KAFKA_CLIENT_NAMES } from './create-bus';
import type { KafkaBusOptions } from './kafka-bus';
import type { KafkaSecurity } from './kafka-security';
import { readMessages } from './testing/read-messages';

const listeners = await requireKafkaSecurityListeners('Kafka bus over SASL and TLS');

const FAST: Omit<KafkaBusOptions, 'brokers' | 'clientId' | 'security'> = {
  sessionTimeoutMs: 6_000,
  rebalanceTimeoutMs: 10_000,
  heartbeatIntervalMs: 500,
  maxWaitTimeMs: 50,
  logSink: () => {},
};

describe.skipIf(!listeners).each(KAFKA_CLIENT_NAMES)(
  'Kafka bus (%s) with KAFKA_SASL_* and KAFKA_SSL',
  (kafkaClient) => {
    // the body runs (to collect the tests) also when the suite is skipped
    const { sasl, ssl, caFile, username, password } = listeners ?? {
      sasl: '',
      ssl: '',
      caFile: '',
      username: '',
      password: '',
    };
    const open: { close(): Promise<void> }[] = [];
    afterEach(async () => {
      await Promise.allSettled(open.splice(0).map((b) => b.close()));
    });

    const busAt = (broker: string, security: KafkaSecurity) => {
      const bus = createBus({
        kafkaBrokers: [broker],
        kafkaSecurity: security,
        kafkaClient,
        clientId: uniqueName('bus-security'),
        kafka: FAST,
      });
      open.push(bus);
      return bus;
    };

    const roundTrip = async (broker: string, security: KafkaSecurity) => {
      const bus = busAt(broker, security);
      const topic = uniqueName('bus-security');
      await bus.publish(topic, [{ key: 'k', value: Buffer.from('over an authenticated connection') }]);
      const got = await readMessages(bus, topic, 1, { settleMs: 0 });
      expect(got.map((m) => m.value.toString())).toEqual(['over an authenticated connection']);
    };

    it.each(['plain', 'scram-sha-256'] as const)(
      'round-trips a message over SASL_PLAINTEXT with %s',
      async (mechanism) => {
        await roundTrip(sasl, { sasl: { mechanism, username, password } });
      },
    );

    it('round-trips over SASL_SSL with SCRAM-SHA-512, trusting the broker through KAFKA_SSL_CA_FILE', async () => {
      // a password kept out of enumeration, as @pushpull/config keeps it, still logs in
      const login = { mechanism: 'scram-sha-512' as const, username } as NonNullable<KafkaSecurity['sasl']>;
      Object.defineProperty(login, 'password', { value: password, enumerable: false });
      await roundTrip(ssl, { ssl: { ca: readFileSync(caFile, 'utf8'), caFile }, sasl: login });
    });

    it('fails fast with one BUS_AUTH_FAILED line on a wrong password, never as an outage', async () => {
      const wrong = 'not-the-test-password-91';
      const bus = busAt(sasl, { sasl: { mechanism: 'scram-sha-256', username, password: wrong } });
      const started = performance.now();
      const err = await bus.ensureTopics([uniqueName('never')]).catch((e: unknown) => e);
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(isPushpullError(err, 'BUS_AUTH_FAILED')).toBe(true);
      const message = (err as Error).message;
      expect(message).toMatch(
        new RegExp(
          `^Kafka at KAFKA_BROKERS=${sasl} refused the SASL SCRAM-SHA-256 login of KAFKA_SASL_USERNAME=${username} \\(KAFKA_SASL_MECHANISM=scram-sha-256\\): .*invalid credentials`,
        ),
      );
      expect(message).not.toContain(wrong);
      expect(message).not.toContain('\n');
      expect(isBusOutage(err)).toBe(false);
      // a later call fails the same way, at once (no reconnect loop)
      const again = await bus
        .publish(uniqueName('never'), [{ key: 'k', value: Buffer.from('x') }])
        .catch((e: unknown) => e);
      expect(isPushpullError(again, 'BUS_AUTH_FAILED')).toBe(true);
    });

    it('says BUS_TLS_FAILED when the broker certificate is not trusted (no KAFKA_SSL_CA_FILE)', async () => {
      const bus = busAt(ssl, { ssl: {}, sasl: { mechanism: 'plain', username, password } });
      const err = await bus.ensureTopics([uniqueName('never')]).catch((e: unknown) => e);
      expect(isPushpullError(err, 'BUS_TLS_FAILED')).toBe(true);
      expect((err as Error).message).toMatch(/KAFKA_SSL_CA_FILE is not set\): .*self-signed certificate/);
      expect(isBusOutage(err)).toBe(false);
    });
  },
);
