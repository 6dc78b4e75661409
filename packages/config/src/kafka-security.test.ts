import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { isPushpullError } from '@pushpull/core';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from './parse-config';

const dir = mkdtempSync(join(tmpdir(), 'pushpull-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const brokers = { KAFKA_BROKERS: 'kafka:9094' };
const login = {
  KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
  KAFKA_SASL_USERNAME: 'pushpull',
  KAFKA_SASL_PASSWORD: 'pw-never-shown-42',
};

function messageOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (err) {
    expect(isPushpullError(err, 'CONFIG_INVALID')).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('Kafka security variables', () => {
  it('are off by default (PLAINTEXT, no login)', () => {
    expect(parseConfig(brokers).kafkaSecurity).toEqual({ ssl: undefined, sasl: undefined });
  });

  it('read KAFKA_SSL, the CA file (once, as text) and the SASL login', () => {
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, PEM);
    const c = parseConfig({ ...brokers, ...login, KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: caFile });
    expect(c.kafkaSecurity.ssl).toEqual({ ca: PEM, caFile, rejectUnauthorized: true });
    expect(c.kafkaSecurity.sasl?.mechanism).toBe('scram-sha-512');
    expect(c.kafkaSecurity.sasl?.username).toBe('pushpull');
    expect(c.kafkaSecurity.sasl?.password).toBe('pw-never-shown-42');
    const off = parseConfig({ ...brokers, KAFKA_SSL: '1', KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' });
    expect(off.kafkaSecurity.ssl).toEqual({ ca: undefined, caFile: undefined, rejectUnauthorized: false });
  });

  it('never shows the password when the config is printed', () => {
    const c = parseConfig({ ...brokers, ...login });
    expect(JSON.stringify(c)).not.toContain('pw-never-shown-42');
    expect(JSON.stringify(c.kafkaSecurity.sasl)).toContain('[redacted]');
    expect(inspect(c, { depth: 10 })).not.toContain('pw-never-shown-42');
    expect(inspect(c, { depth: 10 })).toContain('pushpull');
  });

  it('names the missing half of a login, without its value', () => {
    const noPassword = messageOf({ ...brokers, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' });
    expect(noPassword).toMatch(/KAFKA_SASL_PASSWORD: required when KAFKA_SASL_MECHANISM is set/);
    const noMechanism = messageOf({
      ...brokers,
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'pw-hidden-1',
    });
    expect(noMechanism).toMatch(
      /KAFKA_SASL_MECHANISM: required when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD/,
    );
    expect(noMechanism).not.toContain('pw-hidden-1');
    const bad = messageOf({ ...brokers, ...login, KAFKA_SASL_MECHANISM: 'gssapi' });
    expect(bad).toMatch(/KAFKA_SASL_MECHANISM: must be one of plain, scram-sha-256, scram-sha-512/);
    expect(bad).not.toContain('pw-never-shown-42');
  });

  it('names a missing, unreadable or non-PEM CA file', () => {
    const missing = join(dir, 'absent.pem');
    expect(messageOf({ ...brokers, KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: missing })).toMatch(
      new RegExp(`KAFKA_SSL_CA_FILE: cannot read ${missing} \\(ENOENT\\)`),
    );
    expect(messageOf({ ...brokers, KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: dir })).toMatch(
      /KAFKA_SSL_CA_FILE: cannot read .* \(EISDIR\)/,
    );
    const notPem = join(dir, 'key.txt');
    writeFileSync(notPem, 'hello');
    expect(messageOf({ ...brokers, KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: notPem })).toMatch(
      /KAFKA_SSL_CA_FILE: .* holds no PEM certificate/,
    );
  });

  it('refuses TLS details without KAFKA_SSL=true, a bad flag, and security without brokers', () => {
    expect(messageOf({ ...brokers, KAFKA_SSL_CA_FILE: '/x.pem' })).toMatch(
      /KAFKA_SSL_CA_FILE: set only with KAFKA_SSL=true/,
    );
    expect(messageOf({ ...brokers, KAFKA_SSL: 'maybe' })).toMatch(/KAFKA_SSL: must be true or false/);
    expect(messageOf({ ...login })).toMatch(
      /KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD: set only with KAFKA_BROKERS/,
    );
  });
});

describe('DATABASE_URL sslmode', () => {
  it('accepts the libpq modes and names a bad one', () => {
    for (const mode of ['disable', 'prefer', 'require', 'verify-ca', 'verify-full']) {
      expect(parseConfig({ DATABASE_URL: `postgres://u@h/db?sslmode=${mode}` }).databaseUrl).toContain(mode);
    }
    expect(messageOf({ DATABASE_URL: 'postgres://u@h/db?sslmode=required' })).toMatch(
      /DATABASE_URL: sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full/,
    );
  });
});
