import { PushpullError } from '@pushpull/core';
import type { DependencyProbe } from './dependency-probe';
import type { ProbeEndpoint, ProbeParser } from './probe-connection';
import { urlProbe } from './url-probe';

interface RedisTarget {
  endpoint: ProbeEndpoint;
  tls: boolean;
  username: string | null;
  password: string | null;
}

/**
 * A probe of the Redis behind `redisUrl` (`redis://` or `rediss://`, with optional user and
 * password): its own connection, `AUTH` when the URL carries a password, then `PING`. Up on PONG;
 * down on an error reply (`NOAUTH`, `WRONGPASS`, `LOADING` …), a refused connection or no answer.
 * TLS certificates are verified (the password travels on it).
 *
 * @example const probe = redisProbe('redis://127.0.0.1:6379'); // target '127.0.0.1:6379'
 */
export function redisProbe(redisUrl: string): DependencyProbe {
  return urlProbe({
    name: 'redis',
    variable: 'REDIS_URL',
    url: redisUrl,
    parse: parseRedisUrl,
    connectOptions: (target) => (target.tls ? { tls: {} } : {}),
    async talk(conn, target, label) {
      if (target.password) {
        conn.send(
          command(target.username ? ['AUTH', target.username, target.password] : ['AUTH', target.password]),
        );
        const auth = await conn.receive(parseSimpleReply);
        // Redis 6+ with no password set answers this error; clients go on (as ioredis does).
        if (auth.startsWith('-') && !auth.includes('without any password configured')) {
          throw new PushpullError('DEPENDENCY_PROBE_FAILED', `${label}: ${auth.slice(1)}`, {});
        }
      }
      conn.send(command(['PING']));
      const pong = await conn.receive(parseSimpleReply);
      if (pong !== '+PONG') {
        const why = pong.startsWith('-') ? pong.slice(1) : 'not a Redis answer';
        throw new PushpullError('DEPENDENCY_PROBE_FAILED', `${label}: ${why}`, {});
      }
    },
  });
}

function parseRedisUrl(redisUrl: string): RedisTarget {
  const url = new URL(redisUrl);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error('not a redis URL');
  return {
    endpoint: {
      host: decodeURIComponent(url.hostname).replace(/^\[|\]$/g, '') || '127.0.0.1',
      port: Number(url.port || 6379),
    },
    tls: url.protocol === 'rediss:',
    username: url.username ? decodeURIComponent(url.username) : null,
    password: url.password ? decodeURIComponent(url.password) : null,
  };
}

/** A RESP array of bulk strings. */
function command(parts: string[]): Buffer {
  const chunks = [`*${parts.length}\r\n`];
  for (const p of parts) chunks.push(`$${Buffer.byteLength(p, 'utf8')}\r\n${p}\r\n`);
  return Buffer.from(chunks.join(''), 'utf8');
}

/** One reply line (`+OK`, `+PONG`, `-ERR …`). */
const parseSimpleReply: ProbeParser<string> = (data) => {
  const end = data.indexOf('\r\n');
  if (end < 0) return undefined;
  return { value: data.subarray(0, end).toString('utf8').slice(0, 200), used: end + 2 };
};
