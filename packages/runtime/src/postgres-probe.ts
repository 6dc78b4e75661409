import { userInfo } from 'node:os';
import { PushpullError } from '@pushpull/core';
import type { DependencyProbe } from './dependency-probe';
import type { ProbeEndpoint, ProbeParser } from './probe-connection';
import { urlProbe } from './url-probe';

const PROTOCOL_3_0 = 196608;
const SSL_REQUEST_CODE = 80877103;

/** What the probe needs from a `postgres://` URL; the password is never used or shown. */
interface PostgresTarget {
  endpoint: ProbeEndpoint;
  user: string;
  database: string;
  /** TLS: `required` (sslmode=require|verify-ca|verify-full|no-verify, ssl=true), `preferred` (prefer), `off`. */
  ssl: 'required' | 'preferred' | 'off';
  password: string | null;
}

/**
 * A probe of the Postgres server behind `databaseUrl` that needs no password and no pool slot: it
 * opens its own connection, sends a startup message (after an SSLRequest when the URL asks for
 * `sslmode=require|verify-ca|verify-full` or `ssl=true`, or `prefer`, which goes on in plain TCP when
 * the server has no TLS, as the store does) and reads the answer. An authentication
 * request means the server accepts connections: up (the probe stops there); under `trust` it reads
 * on to ReadyForQuery, so a missing role or database is seen too. An error
 * (`57P03` starting up, `53300` too many connections, `3D000` no such database, …) or no answer
 * means down. It never authenticates, so a busy pool never makes Postgres look down and the
 * password never leaves the process.
 *
 * @example const probe = postgresProbe('postgres://app:secret@db:5432/pushpull'); // target 'db:5432'
 */
export function postgresProbe(databaseUrl: string): DependencyProbe {
  return urlProbe({
    name: 'postgres',
    variable: 'DATABASE_URL',
    url: databaseUrl,
    parse: parsePostgresUrl,
    async talk(conn, target, label) {
      let answer = 'N';
      if (target.ssl !== 'off') {
        conn.send(int32s(8, SSL_REQUEST_CODE));
        answer = await conn.receive((data) =>
          data.length >= 1 ? { value: String.fromCharCode(data[0] ?? 0), used: 1 } : undefined,
        );
        if (answer !== 'S' && target.ssl === 'required') {
          throw new PushpullError('DEPENDENCY_PROBE_FAILED', `${label}: the server refuses SSL`, {});
        }
      }
      if (answer === 'S') {
        await conn.startTls({
          // Reachability only: nothing secret is sent on this connection.
          rejectUnauthorized: false,
          ...(target.endpoint.socketPath ? {} : { servername: target.endpoint.host }),
        });
      }
      conn.send(startupMessage(target.user, target.database));
      const first = await conn.receive(parseMessage);
      if (first.type === 'E') {
        throw new PushpullError('DEPENDENCY_PROBE_FAILED', `${label}: ${describeError(first.body)}`, {});
      }
      if (first.type !== 'R') {
        throw new PushpullError(
          'DEPENDENCY_PROBE_FAILED',
          `${label}: not a Postgres answer (message type ${JSON.stringify(first.type)})`,
          {},
        );
      }
      if (first.body.length >= 4 && first.body.readInt32BE(0) === 0) {
        // AuthenticationOk (trust): the role and database are checked next; wait for ReadyForQuery.
        for (;;) {
          const next = await conn.receive(parseMessage);
          if (next.type === 'E') {
            throw new PushpullError('DEPENDENCY_PROBE_FAILED', `${label}: ${describeError(next.body)}`, {});
          }
          if (next.type === 'Z') break;
        }
        conn.send(Buffer.from([0x58, 0, 0, 0, 4])); // Terminate
      }
      // Any other authentication request: the server accepts connections; the probe stops here.
    },
  });
}

function parsePostgresUrl(databaseUrl: string): PostgresTarget {
  const url = new URL(databaseUrl);
  const query = url.searchParams;
  const user = decodeURIComponent(url.username) || query.get('user') || userInfo().username;
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || query.get('dbname') || user;
  const host = query.get('host') || decodeURIComponent(url.hostname).replace(/^\[|\]$/g, '') || 'localhost';
  const port = Number(query.get('port') || url.port || 5432);
  const sslmode = query.get('sslmode');
  const sslFlag = query.get('ssl');
  const ssl: PostgresTarget['ssl'] =
    sslmode === 'prefer'
      ? 'preferred'
      : sslmode === 'require' ||
          sslmode === 'verify-ca' ||
          sslmode === 'verify-full' ||
          sslmode === 'no-verify' ||
          (sslmode === null && (sslFlag === 'true' || sslFlag === '1' || sslFlag === 'no-verify'))
        ? 'required'
        : 'off';
  const endpoint: ProbeEndpoint = host.startsWith('/')
    ? { host, port, socketPath: `${host}/.s.PGSQL.${port}` }
    : { host, port };
  return { endpoint, user, database, ssl, password: url.password ? decodeURIComponent(url.password) : null };
}

function int32s(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => {
    out.writeInt32BE(v, i * 4);
  });
  return out;
}

function startupMessage(user: string, database: string): Buffer {
  const params = Buffer.from(
    `user\0${user}\0database\0${database}\0application_name\0pushpull-healthz\0\0`,
    'utf8',
  );
  return Buffer.concat([int32s(8 + params.length, PROTOCOL_3_0), params]);
}

const parseMessage: ProbeParser<{ type: string; body: Buffer }> = (data) => {
  if (data.length < 5) return undefined;
  const length = data.readInt32BE(1);
  if (length < 4 || length > 60_000)
    return { value: { type: '?', body: Buffer.alloc(0) }, used: data.length };
  if (data.length < 1 + length) return undefined;
  return {
    value: { type: String.fromCharCode(data[0] ?? 0), body: data.subarray(5, 1 + length) },
    used: 1 + length,
  };
};

/** `57P03 the database system is starting up` from an ErrorResponse's code and message fields. */
function describeError(body: Buffer): string {
  const fields = new Map<string, string>();
  let at = 0;
  while (at < body.length && body[at] !== 0) {
    const end = body.indexOf(0, at + 1);
    if (end < 0) break;
    fields.set(String.fromCharCode(body[at] ?? 0), body.subarray(at + 1, end).toString('utf8'));
    at = end + 1;
  }
  return [fields.get('C'), fields.get('M') ?? 'error'].filter(Boolean).join(' ');
}
