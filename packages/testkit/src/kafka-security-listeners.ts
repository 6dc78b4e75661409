import net from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The SASL listeners of the broker `infra/kafka/start.sh` runs, and its local test login. */
export interface KafkaSecurityListeners {
  /** SASL_PLAINTEXT `host:port` (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512). */
  sasl: string;
  /** SASL_SSL `host:port` (self-signed certificate for 127.0.0.1 and localhost). */
  ssl: string;
  /** PEM of the SASL_SSL listener's certificate (its own CA). */
  caFile: string;
  /** The fixed local test login (start.sh's KAFKA_TEST_USER / KAFKA_TEST_PASSWORD). */
  username: string;
  password: string;
}

const HINT =
  'start Kafka with `bash infra/kafka/start.sh` (a broker started before start.sh had SASL listeners must be restarted: `bash infra/kafka/stop.sh && bash infra/kafka/start.sh`)';

function reachable(hostPort: string, timeoutMs = 1_500): Promise<boolean> {
  const colon = hostPort.lastIndexOf(':');
  const host = hostPort.slice(0, colon);
  const port = Number(hostPort.slice(colon + 1));
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Finds the SASL_PLAINTEXT and SASL_SSL listeners of the local test broker: by default the ports
 * `start.sh` gives them beside KAFKA_BROKERS' first broker (its port + 2 and + 3), or
 * KAFKA_TEST_SASL_BROKER / KAFKA_TEST_SSL_BROKER / KAFKA_TEST_SSL_CA_FILE. Returns null (skip) with a
 * one-line hint when KAFKA_BROKERS is unset or a listener does not answer; throws instead when
 * PUSHPULL_REQUIRE_SERVICES=1.
 *
 * @example const listeners = await requireKafkaSecurityListeners('bus over SASL'); describe.skipIf(!listeners)(…)
 */
export async function requireKafkaSecurityListeners(
  suite: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<KafkaSecurityListeners | null> {
  const skip = (why: string) => {
    const hint = `${suite}: ${why} — ${HINT}`;
    if (env.PUSHPULL_REQUIRE_SERVICES === '1') throw new Error(`PUSHPULL_REQUIRE_SERVICES=1 but ${hint}`);
    process.stderr.write(`[skipped] ${hint}\n`);
    return null;
  };
  const first = env.KAFKA_BROKERS?.split(',')[0]?.trim();
  if (!first) return skip('needs KAFKA_BROKERS');
  const colon = first.lastIndexOf(':');
  const host = colon > 0 ? first.slice(0, colon) : first;
  const port = colon > 0 ? Number(first.slice(colon + 1)) : 9092;
  const cache = env.PUSHPULL_CACHE || join(homedir(), '.cache', 'pushpull');
  const listeners: KafkaSecurityListeners = {
    sasl: env.KAFKA_TEST_SASL_BROKER || `${host}:${port + 2}`,
    ssl: env.KAFKA_TEST_SSL_BROKER || `${host}:${port + 3}`,
    caFile: env.KAFKA_TEST_SSL_CA_FILE || join(cache, `kafka-${port}-ca.pem`),
    username: env.KAFKA_TEST_USER || 'pushpull',
    password: env.KAFKA_TEST_PASSWORD || 'pushpull-test-secret',
  };
  for (const listener of [listeners.sasl, listeners.ssl]) {
    if (!(await reachable(listener))) return skip(`no SASL listener answers on ${listener}`);
  }
  return listeners;
}
