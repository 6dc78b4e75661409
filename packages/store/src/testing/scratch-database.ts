import { PushpullError } from '@pushpull/core';
import pg from 'pg';
import { postgresTls } from '../postgres-tls';
import { passwordOf, redactDatabaseUrl } from '../redact-database-url';

/** A throwaway database and how to drop it. */
export interface ScratchDatabase {
  /** The connection URL of the new database (same server, user and password as the base URL). */
  url: string;
  /** Drops the database `WITH (FORCE)`, disconnecting anyone still on it. Safe to call twice. */
  drop(): Promise<void>;
}

function scratchName(): string {
  const random = Math.random().toString(36).slice(2, 8);
  return `pushpull_t_${Date.now().toString(36)}_${process.pid}_${random}`;
}

async function onServer(baseUrl: string, statement: string, what: string): Promise<void> {
  // sslmode as the store reads it (pg alone would take require as verify-full)
  const { connectionString, ssl } = postgresTls(baseUrl);
  const client = new pg.Client({
    connectionString,
    ...(ssl === undefined ? {} : { ssl }),
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
    await client.query(statement);
  } catch (err) {
    const password = passwordOf(baseUrl);
    let reason = err instanceof Error ? err.message : String(err);
    if (password) reason = reason.replaceAll(password, '***');
    throw new PushpullError(
      'STORE_SCRATCH_FAILED',
      `${what} on ${redactDatabaseUrl(baseUrl)} failed: ${reason}`,
      { databaseUrl: redactDatabaseUrl(baseUrl) },
      { cause: err },
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Creates a fresh, uniquely named database on the server of `baseUrl` (whose user may CREATE
 * DATABASE), so test suites and benchmarks never share state. Drop it when done.
 *
 * @example
 * const scratch = await createScratchDatabase(process.env.DATABASE_URL!);
 * const store = await openStore({ databaseUrl: scratch.url, dataDir: '.' });
 * try { ... } finally { await store.close(); await scratch.drop(); }
 */
export async function createScratchDatabase(baseUrl: string): Promise<ScratchDatabase> {
  const name = scratchName();
  await onServer(baseUrl, `create database "${name}"`, `creating database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | null = null;
  return {
    url: url.toString(),
    drop: () => {
      dropped ??= onServer(
        baseUrl,
        `drop database if exists "${name}" with (force)`,
        `dropping database ${name}`,
      );
      return dropped;
    },
  };
}
