import { isPushpullError } from '@pushpull/core';
import { PrivatePostgres, requireServices } from '@pushpull/testkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from './open-store';

const env = requireServices('Postgres TLS (sslmode)', ['DATABASE_URL']);

/** Whether the store's own connection is encrypted, as the server sees it. */
async function encrypted(store: Store): Promise<boolean> {
  const { rows } = await sql<{
    ssl: boolean;
  }>`select ssl from pg_stat_ssl where pid = pg_backend_pid()`.execute(store.db);
  return rows[0]?.ssl === true;
}

async function sslOf(databaseUrl: string): Promise<boolean> {
  const store = await openStore({ databaseUrl, dataDir: '/nonexistent' });
  try {
    return await encrypted(store);
  } finally {
    await store.close();
  }
}

const failureOf = (databaseUrl: string) =>
  openStore({ databaseUrl, dataDir: '/nonexistent' }).then(
    async (s) => {
      await s.close();
      throw new Error('expected the store to refuse');
    },
    (e: unknown) => e as Error,
  );

describe.skipIf(!env)('Postgres store over TLS (DATABASE_URL sslmode, sslrootcert)', () => {
  // A server of our own with ssl = on and a self-signed certificate for another name than 127.0.0.1,
  // so that verify-ca (chain only) and verify-full (chain and name) differ.
  let server: PrivatePostgres;
  let url: (query: string) => string;
  beforeAll(async () => {
    server = await PrivatePostgres.create({ tls: { hostname: 'pushpull-db.test' } });
    url = (query) => `${server.url()}?${query}`;
  }, 120_000);
  afterAll(async () => {
    await server?.destroy();
  });

  it('sslmode=require encrypts without checking the certificate (libpq), sslmode=disable does not', async () => {
    expect(await sslOf(url('sslmode=require'))).toBe(true);
    expect(await sslOf(url('sslmode=disable'))).toBe(false);
    expect(await sslOf(url('sslmode=prefer'))).toBe(true);
  });

  it('sslmode=verify-ca checks the chain against sslrootcert, not the host name', async () => {
    const ca = server.certificateFile!;
    expect(await sslOf(url(`sslmode=verify-ca&sslrootcert=${ca}`))).toBe(true);
    // require with a root certificate behaves as verify-ca, as in libpq
    expect(await sslOf(url(`sslmode=require&sslrootcert=${ca}`))).toBe(true);
  });

  it('sslmode=verify-full refuses a certificate for another name, or one it cannot trust, with a hint', async () => {
    const ca = server.certificateFile!;
    const wrongName = await failureOf(url(`sslmode=verify-full&sslrootcert=${ca}`));
    expect(isPushpullError(wrongName, 'STORE_UNREACHABLE')).toBe(true);
    expect(wrongName.message).toMatch(
      /does not match certificate's altnames.*sslmode=verify-full checks the host name/,
    );
    const untrusted = await failureOf(url('sslmode=verify-full'));
    expect(isPushpullError(untrusted, 'STORE_UNREACHABLE')).toBe(true);
    expect(untrusted.message).toMatch(
      /self-signed certificate.*sslmode=verify-full checks the server certificate/,
    );
  });

  it('on a server without TLS: prefer goes on in plain TCP, require refuses', async () => {
    const plain = new URL(env!.DATABASE_URL);
    const plainHasTls = await sslOf(`${plain}${plain.search ? '&' : '?'}sslmode=prefer`);
    if (plainHasTls) return; // DATABASE_URL's server serves TLS: nothing to fall back from
    plain.searchParams.set('sslmode', 'require');
    const refused = await failureOf(plain.toString());
    expect(isPushpullError(refused, 'STORE_UNREACHABLE')).toBe(true);
    expect(refused.message).toMatch(/does not support SSL/);
  });

  it('names an unreadable sslrootcert', async () => {
    const err = await failureOf(url('sslmode=verify-ca&sslrootcert=/nonexistent/root.crt'));
    expect(isPushpullError(err, 'STORE_TLS_CONFIG')).toBe(true);
    expect(err.message).toBe('DATABASE_URL: cannot read sslrootcert=/nonexistent/root.crt (ENOENT)');
  });
});
