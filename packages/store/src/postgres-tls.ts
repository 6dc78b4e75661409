import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { PushpullError } from '@pushpull/core';

/** URL parameters about TLS, taken out of the URL pg sees (pg would otherwise apply its own meaning). */
const TLS_PARAMETERS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'ssl', 'uselibpqcompat'];

/** How a pg client connects for a DATABASE_URL: the URL without its TLS parameters, and the TLS to use. */
export interface PostgresTls {
  /** DATABASE_URL without sslmode, sslrootcert, sslcert, sslkey, ssl (pg must not re-read them). */
  connectionString: string;
  /**
   * The pg `ssl` option: false = plain TCP; TLS options otherwise; undefined = the URL says nothing
   * about TLS (pg's default: plain, or its PGSSLMODE environment variable).
   */
  ssl: false | ConnectionOptions | undefined;
  /** `sslmode=prefer`: TLS first, plain TCP when the server has no TLS (decided once, when the store opens). */
  fallBackToPlain: boolean;
  /** The sslmode asked for, for messages (null when none). */
  sslmode: string | null;
}

/**
 * The TLS of a `postgres://` URL, with libpq's meaning of `sslmode` and `sslrootcert` as closely as
 * node-postgres allows (pg on its own treats `require` and `verify-ca` as `verify-full`, so `require`
 * fails on a self-signed server certificate where psql connects):
 *
 * - `disable`, `allow`: plain TCP (`allow` never tries TLS: pg has no per-connection fallback that way);
 * - `prefer`: TLS without certificate checks, plain TCP if the server has no TLS (see `fallBackToPlain`);
 * - `require`: TLS without certificate checks, or with `sslrootcert` the chain checked as `verify-ca`;
 * - `verify-ca`: the chain checked against `sslrootcert` (required), not the host name;
 * - `verify-full`: chain and host name checked, against `sslrootcert`, or Node's built-in CA list when
 *   it is absent or `system` (libpq would read `~/.postgresql/root.crt`);
 * - `no-verify` (pg's own): TLS without checks; `ssl=true` without sslmode (pg's own): as `verify-full`.
 *
 * `sslcert`/`sslkey` (client certificate) are read too. Files are read here, once: an unreadable one is
 * `STORE_TLS_CONFIG` naming the parameter (the URL's password never shows).
 *
 * @example postgresTls('postgres://app@db/pushpull?sslmode=require').ssl // { rejectUnauthorized: false }
 */
export function postgresTls(databaseUrl: string): PostgresTls {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return { connectionString: databaseUrl, ssl: undefined, fallBackToPlain: false, sslmode: null };
  }
  const q = url.searchParams;
  const sslmode = q.get('sslmode');
  const sslFlag = q.get('ssl');
  const rootcert = q.get('sslrootcert');
  const certFile = q.get('sslcert');
  const keyFile = q.get('sslkey');
  const present = TLS_PARAMETERS.some((p) => q.has(p));
  for (const p of TLS_PARAMETERS) q.delete(p);
  const connectionString = url.toString();
  if (!present) return { connectionString, ssl: undefined, fallBackToPlain: false, sslmode };

  const read = (parameter: string, file: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      throw new PushpullError(
        'STORE_TLS_CONFIG',
        `DATABASE_URL: cannot read ${parameter}=${file} (${typeof code === 'string' ? code : 'error'})`,
        { parameter },
        { cause: err },
      );
    }
  };
  const ca = rootcert && rootcert !== 'system' ? read('sslrootcert', rootcert) : undefined;
  const clientCert: ConnectionOptions = {};
  if (certFile) clientCert.cert = read('sslcert', certFile);
  if (keyFile) clientCert.key = read('sslkey', keyFile);

  const noChecks: ConnectionOptions = { ...clientCert, rejectUnauthorized: false };
  const chainOnly: ConnectionOptions = { ...clientCert, ca, checkServerIdentity: () => undefined };
  const full: ConnectionOptions = { ...clientCert, ...(ca ? { ca } : {}) };
  const result = (ssl: false | ConnectionOptions, fallBackToPlain = false): PostgresTls => ({
    connectionString,
    ssl,
    fallBackToPlain,
    sslmode,
  });

  switch (sslmode) {
    case 'disable':
    case 'allow':
      return result(false);
    case 'prefer':
      return result(noChecks, true);
    case 'require':
      return result(ca ? chainOnly : noChecks);
    case 'verify-ca':
      if (!ca) {
        throw new PushpullError(
          'STORE_TLS_CONFIG',
          'DATABASE_URL: sslmode=verify-ca needs sslrootcert=<CA file> (the CA that signed the server certificate); use verify-full to check against the built-in CA list',
          { parameter: 'sslrootcert' },
        );
      }
      return result(chainOnly);
    case 'verify-full':
      return result(full);
    case 'no-verify':
      return result(noChecks);
    case null:
      if (sslFlag === 'false' || sslFlag === '0') return result(false);
      if (sslFlag === 'no-verify') return result(noChecks);
      return result(full);
    default:
      throw new PushpullError(
        'STORE_TLS_CONFIG',
        `DATABASE_URL: unknown sslmode=${sslmode} (disable, allow, prefer, require, verify-ca, verify-full)`,
        { parameter: 'sslmode' },
      );
  }
}
