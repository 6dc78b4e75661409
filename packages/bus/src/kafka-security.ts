import type { ConnectionOptions } from 'node:tls';
import { PushpullError } from '@pushpull/core';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { kafkaErrorChain } from './kafka-error-chain';

/**
 * TLS and SASL of every connection a Kafka bus opens (its producer, consumers, admin and start-up
 * probe). Absent parts: plain TCP, no login. The caller reads the configuration (KAFKA_SSL*,
 * KAFKA_SASL_*); the bus never reads the environment or files.
 */
export interface KafkaSecurity {
  /** TLS to every broker; undefined = plain TCP. */
  ssl?:
    | {
        /** PEM of the CA(s) that signed the brokers' certificates; undefined = Node's built-in CA list. */
        ca?: string | undefined;
        /** Where `ca` came from (KAFKA_SSL_CA_FILE), named in errors. */
        caFile?: string | undefined;
        /** false accepts any certificate (local tests only). Default true. */
        rejectUnauthorized?: boolean | undefined;
      }
    | undefined;
  /** SASL login; undefined = none. */
  sasl?:
    | { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string }
    | undefined;
}

/**
 * The kafkajs `ssl` and `sasl` options of `security` (empty for PLAINTEXT). The SASL object is built
 * field by field, so a password kept out of enumeration (as `@pushpull/config` keeps it) still reaches
 * kafkajs.
 *
 * @example new Kafka({ brokers, clientId, ...kafkaConnectionOptions({ sasl: { mechanism: 'plain', username, password } }) })
 */
export function kafkaConnectionOptions(
  security: KafkaSecurity | undefined,
): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const out: Pick<KafkaConfig, 'ssl' | 'sasl'> = {};
  const tls = tlsOptions(security);
  if (tls) out.ssl = tls;
  const sasl = security?.sasl;
  if (sasl) {
    out.sasl = { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } as SASLOptions;
  }
  return out;
}

/** The TLS and SASL options of an @platformatic/kafka client (its `ConnectionOptions` subset the bus sets). */
export interface PlatformaticConnectionOptions {
  tls?: ConnectionOptions;
  sasl?: { mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; username: string; password: string };
}

/**
 * The @platformatic/kafka `tls` and `sasl` options of `security` (empty for PLAINTEXT): the same TLS
 * checks and SASL logins as {@link kafkaConnectionOptions}, in that client's spelling (upper-case
 * mechanism names). Built field by field, like the kafkajs one, so a non-enumerable password is kept.
 *
 * @example new Producer({ clientId, bootstrapBrokers, ...platformaticConnectionOptions(security) })
 */
export function platformaticConnectionOptions(
  security: KafkaSecurity | undefined,
): PlatformaticConnectionOptions {
  const out: PlatformaticConnectionOptions = {};
  const tls = tlsOptions(security);
  if (tls) out.tls = tls;
  const sasl = security?.sasl;
  if (sasl) {
    const mechanism = PLATFORMATIC_MECHANISMS[sasl.mechanism];
    out.sasl = { mechanism, username: sasl.username, password: sasl.password };
  }
  return out;
}

/** Node's TLS options for `security.ssl` (certificates checked unless told otherwise); undefined = plain TCP. */
function tlsOptions(security: KafkaSecurity | undefined): ConnectionOptions | undefined {
  const ssl = security?.ssl;
  if (!ssl) return undefined;
  const tls: ConnectionOptions = { rejectUnauthorized: ssl.rejectUnauthorized ?? true };
  if (ssl.ca !== undefined) tls.ca = ssl.ca;
  return tls;
}

const PLATFORMATIC_MECHANISMS = {
  plain: 'PLAIN',
  'scram-sha-256': 'SCRAM-SHA-256',
  'scram-sha-512': 'SCRAM-SHA-512',
} as const;

/** TLS errors that mean the broker's certificate is not trusted as configured (not an outage). */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Whether `err` (or its cause chain) says the broker refused our login (SASL) or our TLS check refused
 * the broker's certificate: configuration to fix, never worth retrying as an outage.
 *
 * @example isKafkaSecurityFailure(new PushpullError('BUS_AUTH_FAILED', '…', {})) // true
 */
export function isKafkaSecurityFailure(err: unknown): boolean {
  return securityFailureOf(err) !== undefined;
}

function securityFailureOf(err: unknown): { kind: 'sasl' | 'tls'; error: Error } | undefined {
  for (const e of kafkaErrorChain(err)) {
    const code = (e as { code?: unknown }).code;
    if (code === 'BUS_AUTH_FAILED') return { kind: 'sasl', error: e };
    if (code === 'BUS_TLS_FAILED') return { kind: 'tls', error: e };
    if (e.name === 'KafkaJSSASLAuthenticationError') return { kind: 'sasl', error: e };
    if (code === 'PLT_KFK_AUTHENTICATION') return { kind: 'sasl', error: e };
    if (code === 'PLT_KFK_PROTOCOL' && (e as { apiId?: unknown }).apiId === 'SASL_AUTHENTICATION_FAILED') {
      return { kind: 'sasl', error: e };
    }
    if (typeof code === 'string' && CERTIFICATE_CODES.has(code)) return { kind: 'tls', error: e };
  }
  return undefined;
}

/**
 * The one clear error of a refused login or an untrusted certificate: `BUS_AUTH_FAILED` naming
 * KAFKA_SASL_USERNAME, the mechanism and the brokers (never the password), or `BUS_TLS_FAILED` naming
 * KAFKA_SSL_CA_FILE; undefined when `err` is neither.
 *
 * @example kafkaSecurityError(err, ['kafka:9094'], security) // PushpullError BUS_AUTH_FAILED
 */
export function kafkaSecurityError(
  err: unknown,
  brokers: readonly string[],
  security: KafkaSecurity | undefined,
): PushpullError | undefined {
  const failure = securityFailureOf(err);
  if (!failure) return undefined;
  if (failure.error instanceof PushpullError) return failure.error;
  const at = `KAFKA_BROKERS=${brokers.join(',')}`;
  const password = security?.sasl?.password;
  // @platformatic/kafka keeps the broker's own words (e.g. "… due to invalid credentials …") apart
  const said = brokerMessageOf(err);
  const text =
    said && !failure.error.message.includes(said)
      ? `${failure.error.message} ${said}`
      : failure.error.message;
  const reason = password ? text.replaceAll(password, '***') : text;
  if (failure.kind === 'sasl') {
    const sasl = security?.sasl;
    const who = sasl
      ? `the SASL ${sasl.mechanism.toUpperCase()} login of KAFKA_SASL_USERNAME=${sasl.username} (KAFKA_SASL_MECHANISM=${sasl.mechanism})`
      : 'a connection without SASL (KAFKA_SASL_MECHANISM is not set)';
    return new PushpullError(
      'BUS_AUTH_FAILED',
      `Kafka at ${at} refused ${who}: ${reason} — check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD; not retried`,
      { brokers: [...brokers], ...(sasl ? { username: sasl.username, mechanism: sasl.mechanism } : {}) },
      { cause: err },
    );
  }
  const ca = security?.ssl?.caFile
    ? `KAFKA_SSL_CA_FILE=${security.ssl.caFile}`
    : 'Node’s built-in CA list (KAFKA_SSL_CA_FILE is not set)';
  return new PushpullError(
    'BUS_TLS_FAILED',
    `the TLS certificate of Kafka at ${at} is not trusted with ${ca}: ${reason}; not retried`,
    { brokers: [...brokers] },
    { cause: err },
  );
}

/** The broker's error message an @platformatic/kafka error carries (`serverErrorMessage`), if any. */
function brokerMessageOf(err: unknown): string | undefined {
  for (const e of kafkaErrorChain(err)) {
    const said = (e as { serverErrorMessage?: unknown }).serverErrorMessage;
    if (typeof said === 'string' && said.trim() !== '') return said.trim();
  }
  return undefined;
}
