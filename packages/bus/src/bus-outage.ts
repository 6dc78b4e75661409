import { isKafkaSecurityFailure } from './kafka-security';

/** kafkajs errors that mean a broker is away or not answering (not that the request was wrong). */
const UNREACHABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSMetadataNotLoaded',
]);

const SOCKET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * Whether `err` (or an error in its `cause` chain, e.g. inside `BUS_PUBLISH_FAILED`) means the Kafka
 * cluster is unreachable for now — a broker restarting, a dropped connection, a partition without a
 * leader yet — so that the same publish is worth retrying once it is back. A refused request (a
 * record too large, no such topic, denied) is not, nor is a refused SASL login or an untrusted broker
 * certificate (`BUS_AUTH_FAILED`, `BUS_TLS_FAILED`: the configuration must change).
 *
 * @example isBusOutage(new PushpullError('BUS_PUBLISH_FAILED', '…', {}, { cause: connectionError })) // true
 */
export function isBusOutage(err: unknown): boolean {
  // a refused login or an untrusted certificate drops the connection too: it is configuration, not an outage
  if (isKafkaSecurityFailure(err)) return false;
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (UNREACHABLE.has(e.name)) return true;
    if (e.name === 'KafkaJSProtocolError' && (e as { retriable?: unknown }).retriable === true) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && SOCKET_CODES.has(code)) return true;
  }
  return false;
}
