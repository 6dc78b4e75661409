import type tls from 'node:tls';
import type { KafkaSecurityConfig } from '@pushpull/config';
import { PushpullError } from '@pushpull/core';
import type { DependencyProbe } from './dependency-probe';
import { endpointLabel, ProbeConnection, type ProbeEndpoint } from './probe-connection';

const API_VERSIONS_KEY = 18;
const UNSUPPORTED_VERSION = 35;
const CLIENT_ID = 'pushpull-healthz';

/**
 * A probe of the Kafka cluster: an ApiVersions request (the one every client sends first, allowed
 * before authentication) to each broker of `brokers` in parallel. Up when any broker answers (a
 * cluster with one broker down still works); down with every broker's reason otherwise. With
 * `security.ssl` (KAFKA_SSL) it speaks TLS and checks the broker's certificate as the bus does (an
 * untrusted certificate is down, with the reason); SASL needs nothing: ApiVersions comes before the
 * login, so the probe never sends credentials.
 *
 * @example const probe = kafkaProbe(['127.0.0.1:9092']);
 */
export function kafkaProbe(
  brokers: readonly string[],
  security: Pick<KafkaSecurityConfig, 'ssl'> = { ssl: undefined },
): DependencyProbe {
  const endpoints = brokers.map(parseBroker);
  const ssl = security.ssl;
  const tlsOptions: tls.ConnectionOptions | undefined = ssl
    ? { rejectUnauthorized: ssl.rejectUnauthorized, ...(ssl.ca !== undefined ? { ca: ssl.ca } : {}) }
    : undefined;
  return {
    name: 'kafka',
    target: endpoints.map(endpointLabel).join(','),
    async check(signal) {
      if (endpoints.length === 0) {
        throw new PushpullError('DEPENDENCY_PROBE_FAILED', 'no Kafka broker configured', {});
      }
      const results = await Promise.allSettled(endpoints.map((e) => askApiVersions(e, signal, tlsOptions)));
      if (results.some((r) => r.status === 'fulfilled')) return;
      const reasons = results.map((r) =>
        r.status === 'rejected' && r.reason instanceof Error ? r.reason.message : String(r),
      );
      throw new PushpullError('DEPENDENCY_PROBE_FAILED', [...new Set(reasons)].join('; '), {});
    },
  };
}

async function askApiVersions(
  endpoint: ProbeEndpoint,
  signal: AbortSignal,
  tlsOptions: tls.ConnectionOptions | undefined,
): Promise<void> {
  const conn = await ProbeConnection.open(endpoint, signal, tlsOptions ? { tls: tlsOptions } : {});
  try {
    const correlationId = 0x70757368; // "push"
    const clientId = Buffer.from(CLIENT_ID, 'utf8');
    const header = Buffer.alloc(14);
    header.writeInt32BE(10 + clientId.length, 0);
    header.writeInt16BE(API_VERSIONS_KEY, 4);
    header.writeInt16BE(0, 6);
    header.writeInt32BE(correlationId, 8);
    header.writeInt16BE(clientId.length, 12);
    conn.send(Buffer.concat([header, clientId]));
    const answer = await conn.receive((data) =>
      data.length >= 10
        ? { value: { correlationId: data.readInt32BE(4), errorCode: data.readInt16BE(8) }, used: 10 }
        : undefined,
    );
    const label = endpointLabel(endpoint);
    if (answer.correlationId !== correlationId) {
      throw new PushpullError('DEPENDENCY_PROBE_FAILED', `${label}: not a Kafka answer`, {});
    }
    if (answer.errorCode !== 0 && answer.errorCode !== UNSUPPORTED_VERSION) {
      throw new PushpullError(
        'DEPENDENCY_PROBE_FAILED',
        `${label}: ApiVersions error code ${answer.errorCode}`,
        {},
      );
    }
  } finally {
    conn.close();
  }
}

/** `host:port`, `[::1]:9092` or `host` (port 9092). */
function parseBroker(broker: string): ProbeEndpoint {
  const trimmed = broker.trim();
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  if (v6) return { host: v6[1] ?? '', port: Number(v6[2] ?? 9092) };
  const colon = trimmed.lastIndexOf(':');
  if (colon < 0) return { host: trimmed, port: 9092 };
  return { host: trimmed.slice(0, colon), port: Number(trimmed.slice(colon + 1)) || 9092 };
}
