import { isPushpullError, PushpullError } from '@pushpull/core';
import { describe, expect, it } from 'vitest';
import { isBusOutage } from './bus-outage';
import { isKafkaSecurityFailure, kafkaConnectionOptions, kafkaSecurityError } from './kafka-security';

const named = (name: string, message = name, extra: Record<string, unknown> = {}, cause?: unknown) =>
  Object.assign(new Error(message, { cause }), { name, ...extra });

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const sasl = { mechanism: 'scram-sha-256' as const, username: 'pushpull', password: 'pw-secret-77' };

describe('kafkaConnectionOptions', () => {
  it('is empty for PLAINTEXT', () => {
    expect(kafkaConnectionOptions(undefined)).toEqual({});
    expect(kafkaConnectionOptions({ ssl: undefined, sasl: undefined })).toEqual({});
  });

  it('maps KAFKA_SSL and the CA to kafkajs TLS options, verifying by default', () => {
    expect(kafkaConnectionOptions({ ssl: {} })).toEqual({ ssl: { rejectUnauthorized: true } });
    expect(kafkaConnectionOptions({ ssl: { ca: PEM, caFile: '/ca.pem' } })).toEqual({
      ssl: { rejectUnauthorized: true, ca: PEM },
    });
    expect(kafkaConnectionOptions({ ssl: { rejectUnauthorized: false } })).toEqual({
      ssl: { rejectUnauthorized: false },
    });
  });

  it('copies the SASL login field by field (a non-enumerable password still reaches kafkajs)', () => {
    const hidden = { mechanism: 'plain' as const, username: 'u' } as
      | typeof sasl
      | { mechanism: 'plain'; username: string; password: string };
    Object.defineProperty(hidden, 'password', { value: 'pw-hidden', enumerable: false });
    expect(kafkaConnectionOptions({ sasl: hidden as never })).toEqual({
      sasl: { mechanism: 'plain', username: 'u', password: 'pw-hidden' },
    });
  });
});

describe('kafkaSecurityError', () => {
  const brokers = ['127.0.0.1:9094'];

  it('turns a refused SASL login into BUS_AUTH_FAILED naming user, mechanism and broker, not the password', () => {
    const refused = named(
      'KafkaJSSASLAuthenticationError',
      'SASL SCRAM SHA256 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256',
      { retriable: false },
    );
    const err = kafkaSecurityError(named('KafkaJSNonRetriableError', 'wrapped', {}, refused), brokers, {
      sasl,
    });
    expect(isPushpullError(err, 'BUS_AUTH_FAILED')).toBe(true);
    expect(err?.message).toContain('KAFKA_BROKERS=127.0.0.1:9094');
    expect(err?.message).toContain('KAFKA_SASL_USERNAME=pushpull');
    expect(err?.message).toContain('KAFKA_SASL_MECHANISM=scram-sha-256');
    expect(err?.message).not.toContain('pw-secret-77');
    expect(err?.message.split('\n')).toHaveLength(1);
  });

  it('scrubs the password should the broker echo it', () => {
    const refused = named('KafkaJSSASLAuthenticationError', 'bad password pw-secret-77');
    expect(kafkaSecurityError(refused, brokers, { sasl })?.message).not.toContain('pw-secret-77');
  });

  it('turns an untrusted certificate into BUS_TLS_FAILED naming KAFKA_SSL_CA_FILE', () => {
    const tls = named('KafkaJSConnectionError', 'Connection error: self-signed certificate', {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    const err = kafkaSecurityError(tls, brokers, { ssl: { ca: PEM, caFile: '/etc/kafka/ca.pem' } });
    expect(isPushpullError(err, 'BUS_TLS_FAILED')).toBe(true);
    expect(err?.message).toContain('KAFKA_SSL_CA_FILE=/etc/kafka/ca.pem');
  });

  it('leaves an outage alone', () => {
    const down = named('KafkaJSConnectionError', 'connect ECONNREFUSED', { code: 'ECONNREFUSED' });
    expect(kafkaSecurityError(down, brokers, { sasl })).toBeUndefined();
    expect(isKafkaSecurityFailure(down)).toBe(false);
  });
});

describe('isBusOutage and security failures', () => {
  it('never retries a refused login or an untrusted certificate as an outage', () => {
    // the broker drops the connection after a failed login: a connection error rides along
    const refused = named('KafkaJSSASLAuthenticationError', 'SASL PLAIN authentication failed');
    expect(isBusOutage(named('KafkaJSConnectionError', 'Connection closed', {}, refused))).toBe(false);
    expect(isBusOutage(new PushpullError('BUS_AUTH_FAILED', 'refused', {}))).toBe(false);
    const cert = named('KafkaJSConnectionError', 'x', { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    expect(isBusOutage(cert)).toBe(false);
    expect(isBusOutage(named('KafkaJSConnectionError'))).toBe(true);
  });
});
