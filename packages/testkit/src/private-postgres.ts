import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian/Ubuntu (`/usr/lib/postgresql/<major>/bin`) or a PATH install keeps `initdb` and `pg_ctl`. */
export function findPostgresBinaries(): string | null {
  const fromEnv = process.env.PUSHPULL_PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'pg_ctl'))) return fromEnv;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) {
      const bin = join(debian, major, 'bin');
      if (existsSync(join(bin, 'pg_ctl')) && existsSync(join(bin, 'initdb'))) return bin;
    }
  }
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb'))) return dir;
  }
  return null;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Postgres refuses to run as root: as root, run its tools as the `postgres` system user. */
function asServerUser(bin: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/**
 * A throw-away PostgreSQL cluster a fault test owns: its own data directory and port, so the test can
 * really stop, crash and restart the server without touching the Postgres other suites share.
 * Trust authentication on 127.0.0.1 only; `fsync` off (nothing here must survive a power cut).
 *
 * @example const pg = await PrivatePostgres.create(); await pg.restart(); await pg.destroy();
 */
/** Options of {@link PrivatePostgres.create}. */
export interface PrivatePostgresOptions {
  /**
   * Serve TLS (`ssl = on`) with a new self-signed certificate (made with `openssl`) whose only name is
   * `tls.hostname` (default `localhost`); its PEM is {@link PrivatePostgres.certificateFile}, the CA of
   * `sslrootcert`. Plain connections are still accepted.
   */
  tls?: { hostname?: string };
}

export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly dataDir: string,
    /** The port the server listens on (kept across restarts). */
    readonly port: number,
    private readonly tlsDir: string | null,
  ) {}

  /** The server certificate's PEM file (self-signed: its own CA) when made with `tls`; null otherwise. */
  get certificateFile(): string | null {
    return this.tlsDir ? join(this.tlsDir, 'server.crt') : null;
  }

  /** A connection URL for `database` (default `postgres`) as the `postgres` superuser. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /**
   * Initialises a new cluster in a temporary directory and starts it.
   * Throws (code PRIVATE_POSTGRES_UNAVAILABLE) when no `initdb`/`pg_ctl` is installed.
   */
  static async create(options: PrivatePostgresOptions = {}): Promise<PrivatePostgres> {
    const bin = findPostgresBinaries();
    if (!bin) {
      throw Object.assign(
        new Error(
          'no PostgreSQL server binaries (initdb, pg_ctl) found: set PUSHPULL_PG_BIN to their folder',
        ),
        { code: 'PRIVATE_POSTGRES_UNAVAILABLE' },
      );
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'pushpull-pg-'));
    if (process.getuid?.() === 0) {
      const { uid, gid } = postgresIds();
      chownSync(dataDir, uid, gid);
    }
    const tlsDir = options.tls ? await makeServerCertificate(options.tls.hostname ?? 'localhost') : null;
    const pg = new PrivatePostgres(bin, dataDir, await freePort(), tlsDir);
    await pg.tool('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await pg.start();
    return pg;
  }

  /** Starts the server and returns once it accepts connections. */
  async start(): Promise<void> {
    const tls = this.tlsDir
      ? ` -c ssl=on -c ssl_cert_file=${join(this.tlsDir, 'server.crt')} -c ssl_key_file=${join(this.tlsDir, 'server.key')}`
      : '';
    const options = `-p ${this.port} -k ${this.dataDir} -c listen_addresses=127.0.0.1 -c fsync=off${tls}`;
    await this.tool('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dataDir, 'server.log'),
      '-o',
      options,
      '-w',
      'start',
    ]);
  }

  /**
   * Stops the server: `fast` ends every session (clients see "terminating connection due to administrator
   * command"), `immediate` is a crash (no shutdown checkpoint; recovery runs on the next start).
   */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.tool('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', 'stop']);
  }

  /** Stops and starts the server. */
  async restart(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.stop(mode);
    await this.start();
  }

  /** Stops the server (if running) and deletes its data directory. */
  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => {});
    rmSync(this.dataDir, { recursive: true, force: true });
    if (this.tlsDir) rmSync(this.tlsDir, { recursive: true, force: true });
  }

  private async tool(name: string, args: string[]): Promise<void> {
    const [file, argv] = asServerUser(join(this.bin, name), args);
    try {
      await run(file, argv, { timeout: 60_000 });
    } catch (err) {
      const stderr = (err as { stderr?: string }).stderr ?? '';
      throw Object.assign(new Error(`${name} ${args.at(-1)} failed: ${stderr.trim() || String(err)}`), {
        code: 'PRIVATE_POSTGRES_FAILED',
        cause: err,
      });
    }
  }
}

/**
 * A self-signed server certificate for `hostname` in a new folder (`server.crt`, `server.key`), the key
 * readable by the server only (Postgres refuses a key others can read).
 */
async function makeServerCertificate(hostname: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pushpull-pg-tls-'));
  const san = /^[\d.]+$/.test(hostname) ? `IP:${hostname}` : `DNS:${hostname}`;
  try {
    await run(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${hostname}`]
        .concat(['-addext', `subjectAltName=${san}`])
        .concat(['-keyout', join(dir, 'server.key'), '-out', join(dir, 'server.crt')]),
      { timeout: 30_000 },
    );
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw Object.assign(new Error(`openssl could not make a test certificate: ${String(err)}`), {
      code: 'PRIVATE_POSTGRES_UNAVAILABLE',
      cause: err,
    });
  }
  chmodSync(dir, 0o755); // the server (another user when run as root) must reach the files
  chmodSync(join(dir, 'server.key'), 0o600);
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresIds();
    chownSync(join(dir, 'server.key'), uid, gid);
    chownSync(join(dir, 'server.crt'), uid, gid);
  }
  return dir;
}

/** The uid and gid of the `postgres` system user the server packages create. */
function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}
