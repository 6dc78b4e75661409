import type tls from 'node:tls';
import { PushpullError } from '@pushpull/core';
import type { DependencyName, DependencyProbe } from './dependency-probe';
import { endpointLabel, ProbeConnection, type ProbeEndpoint } from './probe-connection';

/** What a URL-configured probe needs from its URL: where to connect, and the password to scrub. */
export interface UrlProbeTarget {
  endpoint: ProbeEndpoint;
  password: string | null;
}

/** How {@link urlProbe} reaches one kind of server. */
export interface UrlProbeSpec<T extends UrlProbeTarget> {
  name: DependencyName;
  /** The setting the URL comes from (`DATABASE_URL`), named when it is no URL; its value never is. */
  variable: string;
  url: string;
  /** Reads the target from the URL; throws when it cannot. */
  parse: (url: string) => T;
  /** Options of the connection (TLS from the first byte), when the target asks for them. */
  connectOptions?: (target: T) => { tls?: tls.ConnectionOptions };
  /** Speaks the protocol on the open connection: resolves when the server answers as up, throws otherwise. */
  talk: (conn: ProbeConnection, target: T, label: string) => Promise<void>;
}

/**
 * A probe of the server behind a URL: the target is `host:port` (or the socket path), the URL's
 * password is scrubbed from reasons, and each check opens one connection of its own, lets `talk`
 * speak the protocol and always closes it. A URL `parse` refuses gives a probe that is always down
 * (`<VARIABLE> is not a URL`). Used by {@link postgresProbe} and {@link redisProbe}.
 *
 * @example urlProbe({ name: 'redis', variable: 'REDIS_URL', url, parse, talk: async (conn) => { … } })
 */
export function urlProbe<T extends UrlProbeTarget>(spec: UrlProbeSpec<T>): DependencyProbe {
  let target: T;
  try {
    target = spec.parse(spec.url);
  } catch {
    return {
      name: spec.name,
      target: `<unparseable ${spec.variable}>`,
      check: async () => {
        throw new PushpullError('DEPENDENCY_PROBE_FAILED', `${spec.variable} is not a URL`, {});
      },
    };
  }
  const label = endpointLabel(target.endpoint);
  return {
    name: spec.name,
    target: label,
    secrets: target.password ? [target.password] : [],
    async check(signal) {
      const conn = await ProbeConnection.open(target.endpoint, signal, spec.connectOptions?.(target) ?? {});
      try {
        await spec.talk(conn, target, label);
      } finally {
        conn.close();
      }
    },
  };
}
