import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PushpullError } from '@pushpull/core';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migratedTemplatePath, migrateStore } from './migrate-store';
import { PGliteDialect } from './pglite-dialect';
import { createPglite } from './pglite-template';
import { type PostgresTls, postgresTls } from './postgres-tls';
import { makePrivateDir } from './private-data-dir';
import { ensurePseudonymPads } from './pseudonym';
import { passwordOf, redactDatabaseUrl } from './redact-database-url';
import type { DB } from './schema';
import { typeParsers } from './type-parsers';

/** Where the store lives: Postgres when `databaseUrl` is set, else PGlite under `dataDir`. */
export interface StoreConfig {
  /** `postgres://user:password@host:port/db`; unset = embedded PGlite. */
  databaseUrl?: string;
  /** The embedded data folder; PGlite keeps its files in `${dataDir}/pglite`. Unused with Postgres. */
  dataDir: string;
  /** Maximum Postgres connections. Default 10. */
  poolSize?: number;
  /** How long the first connection may take before start-up fails, in ms. Default 5000. */
  connectTimeoutMs?: number;
  /**
   * Where the store reports what it changed on its own, e.g. that it closed an embedded data folder
   * other users could read. Default: a line on stderr.
   */
  warn?: (message: string) => void;
}

/** An open, migrated store: one `Kysely<DB>` whichever backend is behind it. */
export interface Store {
  db: Kysely<DB>;
  kind: 'postgres' | 'pglite';
  /** Closes the pool or the PGlite instance. Safe to call twice. */
  close(): Promise<void>;
  /**
   * Embedded (PGlite) only, where every writer is in this process: how many statements that may have
   * written have run on this store so far. Unchanged means nothing changed, so a reader may keep what
   * it read (the dashboard's data version does). Absent on Postgres, which other processes write.
   */
  writeCount?: () => number;
}

/**
 * Opens the store and migrates it to the latest schema. With `databaseUrl` it connects to Postgres
 * (a pg Pool) and checks the connection first: an unreachable server, a failed login or an unknown
 * database fails fast with one `STORE_UNREACHABLE` error whose message never shows the password.
 * Without it, embedded PGlite persists under `${dataDir}/pglite` (folders are created mode 0700; an
 * existing folder open to group or others is closed, once, through `config.warn`).
 * On both, `date` columns read as 'YYYY-MM-DD' strings and bigint/numeric counts as numbers
 * (while safe integers).
 *
 * @example
 * const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: './.pushpull' });
 * try { console.log(await countFacts(store.db)); } finally { await store.close(); }
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  const store = config.databaseUrl
    ? await openPostgres(config.databaseUrl, config)
    : await openPglite(config.dataDir, config.warn ?? warnOnStderr);
  try {
    await migrateStore(store.db, store.kind);
    await ensurePseudonymPads(store.db);
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  return store;
}

function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => {
    closing ??= close();
    return closing;
  };
}

/** The most useful one-line reason of a connection error, with the password scrubbed out. */
function connectReason(err: unknown, password: string | null): string {
  let reason = 'unknown error';
  if (err instanceof Error) {
    const inner = err instanceof AggregateError ? err.errors.filter((e) => e instanceof Error) : [];
    const code = (err as { code?: unknown }).code;
    reason =
      err.message ||
      inner.map((e: Error) => e.message).join('; ') ||
      (typeof code === 'string' ? code : err.name);
  } else if (err !== undefined) {
    reason = String(err);
  }
  return password ? reason.replaceAll(password, '***') : reason;
}

async function openPostgres(databaseUrl: string, config: StoreConfig): Promise<Store> {
  const shown = redactDatabaseUrl(databaseUrl);
  const tls = postgresTls(databaseUrl);
  const unreachable = (err: unknown) =>
    new PushpullError(
      'STORE_UNREACHABLE',
      `cannot reach Postgres at DATABASE_URL=${shown}: ${connectReason(err, passwordOf(databaseUrl))}${certificateHint(err, tls.sslmode)}`,
      { databaseUrl: shown },
      { cause: err },
    );
  const pool = await connectedPool(tls.connectionString, tls.ssl, config, unreachable).catch(async (err) => {
    // sslmode=prefer: libpq goes on without TLS when the server has none; so does the store (once, here)
    if (!tls.fallBackToPlain || !refusedTls(err)) throw err;
    return connectedPool(tls.connectionString, false, config, unreachable);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: once(() => db.destroy()) };
}

/** A pg Pool whose first query (`select 1`) went through; `STORE_UNREACHABLE` (by `unreachable`) otherwise. */
async function connectedPool(
  connectionString: string,
  ssl: PostgresTls['ssl'],
  config: StoreConfig,
  unreachable: (err: unknown) => PushpullError,
): Promise<pg.Pool> {
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({
      connectionString,
      ...(ssl === undefined ? {} : { ssl }),
      max: config.poolSize ?? 10,
      connectionTimeoutMillis: config.connectTimeoutMs ?? 5000,
      // Postgres' JIT compiles the analytics arithmetic for seconds per query and saves nothing on these
      // queries (a quarter of leader_profile: 1.1 s without, 5 s with): off for each new connection
      // before the pool hands it out (migration 0010 makes it the database's default too).
      onConnect: async (client: pg.ClientBase) => {
        await client.query('set jit = off').catch(() => {});
      },
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          (format ?? 'text') === 'text' && typeParsers[oid]
            ? typeParsers[oid]
            : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
  } catch (err) {
    throw unreachable(err);
  }
  // A client that loses its server emits 'error': on the pool while idle, on the client itself while
  // checked out (in a transaction, between two queries); either, without a listener, would crash the
  // process (`Unhandled 'error' event … ECONNRESET`). The query in flight fails instead, the pool drops
  // the broken client when it is released, and the next query opens a new connection.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  try {
    await pool.query('select 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw unreachable(err);
  }
  return pool;
}

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
]);

/** What to change when the server's certificate was not trusted; '' for any other failure. */
function certificateHint(err: unknown, sslmode: string | null): string {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      return ` (sslmode=${sslmode ?? 'verify-full (ssl=true)'} checks the host name: connect by a name the server certificate holds, or use sslmode=verify-ca to check only its CA)`;
    }
    if (typeof code === 'string' && CERTIFICATE_CODES.has(code)) {
      return ` (sslmode=${sslmode ?? 'verify-full (ssl=true)'} checks the server certificate: give its CA with sslrootcert=<file>, or use sslmode=require to encrypt without checking it)`;
    }
  }
  return '';
}

/** Whether connecting failed because the server has no TLS (pg: "The server does not support SSL connections"). */
function refusedTls(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (/does not support SSL/i.test(e.message)) return true;
  }
  return false;
}

function warnOnStderr(message: string): void {
  process.stderr.write(`pushpull: ${message}\n`);
}

async function openPglite(dataDir: string, warn: (message: string) => void): Promise<Store> {
  const dir = path.join(dataDir, 'pglite');
  let pglite: PGlite;
  try {
    pglite = await createPglite(
      dir,
      { parsers: { ...typeParsers } },
      migratedTemplatePath(),
      warn,
      async (fresh) => {
        // the template is a migrated cluster: a fresh database copied from it has nothing left to migrate
        const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite: fresh, closeOnDestroy: false }) });
        try {
          await migrateStore(db, 'pglite');
        } finally {
          await db.destroy();
        }
      },
    );
  } catch (err) {
    throw new PushpullError(
      'STORE_OPEN_FAILED',
      `cannot open the embedded database in ${dir}: ${err instanceof Error ? err.message : String(err)}`,
      { dataDir: dir },
      { cause: err },
    );
  }
  const writes = { count: 0 };
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite, writes }) });
  const close = async () => {
    await db.destroy();
    // Files PGlite made while open carry the umask's bits (inside the 0700 folder): close them too.
    try {
      makePrivateDir(dir, warn, { quiet: true });
    } catch {
      // the folder stays 0700; the next open tightens again
    }
  };
  return { db, kind: 'pglite', close: once(close), writeCount: () => writes.count };
}
