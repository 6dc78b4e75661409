import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';

/** The SASL mechanisms pushpull's Kafka clients speak (kafkajs names, lower case). */
export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/** One of {@link KAFKA_SASL_MECHANISMS}. */
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/**
 * How pushpull's Kafka clients (the bus, its probe, the health check) secure their connections:
 * KAFKA_SSL / KAFKA_SSL_CA_FILE / KAFKA_SSL_REJECT_UNAUTHORIZED and KAFKA_SASL_*. Both parts absent =
 * PLAINTEXT without authentication (the default).
 */
export interface KafkaSecurityConfig {
  /** TLS to every broker (KAFKA_SSL=true); undefined = plain TCP. */
  ssl:
    | {
        /** PEM text of KAFKA_SSL_CA_FILE, read once at start-up; undefined = Node's built-in CA list. */
        ca: string | undefined;
        /** KAFKA_SSL_CA_FILE as given, for messages. */
        caFile: string | undefined;
        /** KAFKA_SSL_REJECT_UNAUTHORIZED (default true): false accepts any certificate (local tests only). */
        rejectUnauthorized: boolean;
      }
    | undefined;
  /**
   * SASL login (KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD); undefined = none.
   * The password never shows when the object is printed (`JSON.stringify`, `util.inspect`, pino).
   */
  sasl: { mechanism: KafkaSaslMechanism; username: string; password: string } | undefined;
}

const TRUE = ['true', '1', 'yes'];
const FALSE = ['false', '0', 'no'];

/**
 * Reads the Kafka security variables of `env` (already trimmed by `raw`). Returns the settings and the
 * problems found, each naming its variable and never a value of KAFKA_SASL_PASSWORD. Reads
 * KAFKA_SSL_CA_FILE (the only file read while parsing the configuration).
 *
 * @example parseKafkaSecurity((k) => env[k], true) // { security: { ssl: undefined, sasl: undefined }, problems: [] }
 */
export function parseKafkaSecurity(
  raw: (name: string) => string | undefined,
  hasBrokers: boolean,
): { security: KafkaSecurityConfig; problems: string[] } {
  const problems: string[] = [];
  const flag = (name: string, fallback: boolean): boolean => {
    const value = raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (TRUE.includes(value)) return true;
    if (FALSE.includes(value)) return false;
    problems.push(`${name}: must be true or false`);
    return fallback;
  };
  const sslOn = flag('KAFKA_SSL', false);
  const rejectUnauthorized = flag('KAFKA_SSL_REJECT_UNAUTHORIZED', true);
  const caFile = raw('KAFKA_SSL_CA_FILE');
  if (!sslOn) {
    for (const name of ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_REJECT_UNAUTHORIZED']) {
      if (raw(name) !== undefined) problems.push(`${name}: set only with KAFKA_SSL=true`);
    }
  }
  let ca: string | undefined;
  if (sslOn && caFile !== undefined) {
    try {
      ca = readFileSync(caFile, 'utf8');
      if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
        problems.push(`KAFKA_SSL_CA_FILE: ${caFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
      }
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      problems.push(
        `KAFKA_SSL_CA_FILE: cannot read ${caFile} (${typeof code === 'string' ? code : 'error'})`,
      );
    }
  }

  const mechanismRaw = raw('KAFKA_SASL_MECHANISM')?.toLowerCase();
  const username = raw('KAFKA_SASL_USERNAME');
  const password = raw('KAFKA_SASL_PASSWORD');
  let mechanism: KafkaSaslMechanism | undefined;
  if (mechanismRaw !== undefined) {
    if ((KAFKA_SASL_MECHANISMS as readonly string[]).includes(mechanismRaw)) {
      mechanism = mechanismRaw as KafkaSaslMechanism;
    } else {
      problems.push(`KAFKA_SASL_MECHANISM: must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}`);
    }
    const missing = [
      username === undefined ? 'KAFKA_SASL_USERNAME' : undefined,
      password === undefined ? 'KAFKA_SASL_PASSWORD' : undefined,
    ].filter(Boolean);
    if (missing.length > 0) problems.push(`${missing.join(', ')}: required when KAFKA_SASL_MECHANISM is set`);
  } else if (username !== undefined || password !== undefined) {
    problems.push(
      `KAFKA_SASL_MECHANISM: required when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set (${KAFKA_SASL_MECHANISMS.join(', ')})`,
    );
  }
  if (!hasBrokers) {
    const set = KAFKA_SECURITY_VARIABLES.filter((name) => raw(name) !== undefined);
    if (set.length > 0)
      problems.push(`${set.join(', ')}: set only with KAFKA_BROKERS (the embedded bus has no network)`);
  }

  const sasl =
    mechanism !== undefined && username !== undefined && password !== undefined
      ? secretSasl(mechanism, username, password)
      : undefined;
  return {
    security: { ssl: sslOn ? { ca, caFile, rejectUnauthorized } : undefined, sasl },
    problems,
  };
}

/** Every variable of the Kafka connection's security. */
export const KAFKA_SECURITY_VARIABLES = [
  'KAFKA_SSL',
  'KAFKA_SSL_CA_FILE',
  'KAFKA_SSL_REJECT_UNAUTHORIZED',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
] as const;

/** A SASL object whose password is readable by code but never printed. */
function secretSasl(
  mechanism: KafkaSaslMechanism,
  username: string,
  password: string,
): NonNullable<KafkaSecurityConfig['sasl']> {
  const shown = () => ({ mechanism, username, password: '[redacted]' });
  const sasl = { mechanism, username } as NonNullable<KafkaSecurityConfig['sasl']>;
  Object.defineProperties(sasl, {
    password: { value: password, enumerable: false },
    toJSON: { value: shown, enumerable: false },
    [inspect.custom]: { value: shown, enumerable: false },
  });
  return sasl;
}
