import type { PGlite } from '@electric-sql/pglite';
import {
  AbortedTransactionError,
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { ConnectionMutex } from './connection-mutex';

/** How to build a {@link PGliteDialect}. */
export interface PGliteDialectConfig {
  /** An open (or opening) PGlite instance. */
  pglite: PGlite;
  /** Close the instance when Kysely is destroyed. Default true. */
  closeOnDestroy?: boolean;
  /** Counts the statements that may have written (see {@link mayWrite}), after each one ends. */
  writes?: WriteCounter;
}

/** How many statements that may have changed the database have run (see `Store.writeCount`). */
export interface WriteCounter {
  count: number;
}

const WRITE_WORDS =
  /\b(insert|update|delete|merge|truncate|copy|create|alter|drop|grant|revoke|nextval|setval|set_config|lock|vacuum|analyze|refresh|call|do)\b/i;

/**
 * Whether a statement may change what later reads see: anything but a plain `select`/`with` that names
 * none of the writing words (a false "may" only costs a re-read; reads that call a function writing
 * behind a `select` are not made here).
 */
export function mayWrite(text: string): boolean {
  return !/^\s*(select|with)\b/i.test(text) || WRITE_WORDS.test(text);
}

const COMMANDS_WITH_AFFECTED_ROWS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** Double-quotes an identifier for the few statements built here as text (savepoints). */
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The one connection of a PGlite database; exclusive use is granted by the driver's mutex. */
class PGliteConnection implements DatabaseConnection {
  constructor(
    private readonly pglite: PGlite,
    private readonly writes: WriteCounter | undefined,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    let result: Awaited<ReturnType<typeof this.pglite.query<R>>>;
    try {
      result = await this.pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters], {
        rowMode: 'object',
      });
    } finally {
      if (this.writes && mayWrite(compiledQuery.sql)) this.writes.count++;
    }
    const command = result.command?.toUpperCase();
    if (command === 'COMMIT' || command === 'ROLLBACK') {
      // Like kysely's pg driver: a COMMIT after a failed statement completes with a ROLLBACK tag.
      return { rows: [{ command } as R] };
    }
    return {
      rows: result.rows,
      ...(command && COMMANDS_WITH_AFFECTED_ROWS.has(command)
        ? { numAffectedRows: BigInt(result.rowCount ?? result.affectedRows ?? 0) }
        : {}),
    };
  }

  /** PGlite materialises results anyway; this yields them in chunks of `chunkSize` rows. */
  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 100,
  ): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isInteger(chunkSize) || chunkSize <= 0) {
      throw new RangeError('streamQuery: chunkSize must be a positive integer');
    }
    const { rows } = await this.executeQuery<R>(compiledQuery);
    for (let i = 0; i < rows.length; i += chunkSize) {
      yield { rows: rows.slice(i, i + chunkSize) };
    }
  }
}

/**
 * Kysely driver over one PGlite instance. PGlite is a single Postgres session, so the driver hands
 * out its one connection under a FIFO mutex: a query or a whole transaction holds it until Kysely
 * releases it, so statements of concurrent callers (and their transactions) never interleave.
 */
class PGliteDriver implements Driver {
  private readonly mutex = new ConnectionMutex();
  private readonly connection: PGliteConnection;
  private release: (() => void) | null = null;

  constructor(private readonly config: PGliteDialectConfig) {
    this.connection = new PGliteConnection(config.pglite, config.writes);
  }

  async init(): Promise<void> {
    await this.config.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.release = await this.mutex.lock();
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = null;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let text = 'start transaction';
    if (settings.isolationLevel) text += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) text += ` ${settings.accessMode}`;
    await connection.executeQuery(CompiledQuery.raw(text));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const { rows } = await connection.executeQuery<{ command?: string }>(CompiledQuery.raw('commit'));
    if (rows[0]?.command === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdentifier(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdentifier(name)}`));
  }

  async destroy(): Promise<void> {
    // Wait for whoever holds the connection, then close, so no query runs on a closed instance.
    const release = await this.mutex.lock();
    try {
      if (this.config.closeOnDestroy !== false && !this.config.pglite.closed)
        await this.config.pglite.close();
    } finally {
      release();
    }
  }
}

/**
 * A Kysely dialect for `@electric-sql/pglite` (embedded Postgres in WebAssembly): kysely's Postgres
 * adapter, query compiler and introspector over a driver that serialises PGlite's single session.
 *
 * @example
 * const pglite = await PGlite.create('./.pushpull/pglite');
 * const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
 * await db.transaction().execute(async (tx) => { ... }); // never interleaves with another caller
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly config: PGliteDialectConfig) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.config);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}
