import { kafkaErrorChain } from './kafka-error-chain';
import { isKafkaSecurityFailure } from './kafka-security';

/** @platformatic/kafka error codes that mean a broker is away or not answering (its timeouts carry the network code too). */
const PLATFORMATIC_UNREACHABLE = new Set(['PLT_KFK_NETWORK', 'PLT_KFK_TIMEOUT']);

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
 * cluster is unreachable for now (kafkajs or @platformatic/kafka errors) — a broker restarting, a dropped connection, a partition without a
 * leader yet — so that the same publish is worth retrying once it is back. A refused request (a
 * record too large, no such topic, denied) is not, nor is a refused SASL login or an untrusted broker
 * certificate (`BUS_AUTH_FAILED`, `BUS_TLS_FAILED`: the configuration must change).
 *
 * @example isBusOutage(new PushpullError('BUS_PUBLISH_FAILED', '…', {}, { cause: connectionError })) // true
 */
export function isBusOutage(err: unknown): boolean {
  // a refused login or an untrusted certificate drops the connection too: it is configuration, not an outage
  if (isKafkaSecurityFailure(err)) return false;
  for (const e of kafkaErrorChain(err)) {
    if (UNREACHABLE.has(e.name)) return true;
    if (e.name === 'KafkaJSProtocolError' && (e as { retriable?: unknown }).retriable === true) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || PLATFORMATIC_UNREACHABLE.has(code)))
      return true;
    // @platformatic/kafka's answer of a broker that cannot serve the request now (no leader yet, …)
    if (code === 'PLT_KFK_PROTOCOL' && (e as { canRetry?: unknown }).canRetry === true) return true;
  }
  return false;
}
