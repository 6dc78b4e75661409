import net from 'node:net';
import tls from 'node:tls';
import { PushpullError } from '@pushpull/core';

/** Where a probe connects: TCP `host:port`, or a Unix socket path. */
export interface ProbeEndpoint {
  host: string;
  port: number;
  /** A Unix socket path instead of host and port. */
  socketPath?: string;
}

/** A parser of what arrived so far: the value and the bytes it used, or undefined for "need more". */
export type ProbeParser<T> = (data: Buffer) => { value: T; used: number } | undefined;

/** Largest answer a probe reads; more means it is not talking to what it expected. */
const MAX_BYTES = 64 * 1024;

/** `host:port` (IPv6 in brackets) or the socket path, for reasons and labels. */
export function endpointLabel(endpoint: ProbeEndpoint): string {
  if (endpoint.socketPath) return endpoint.socketPath;
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `${host}:${endpoint.port}`;
}

/**
 * One short-lived connection of a dependency probe: send bytes, wait for a parsed answer, maybe
 * switch to TLS, close. Everything ends when `signal` aborts (the socket is destroyed); nothing is
 * ever left open after {@link ProbeConnection.close}.
 *
 * @example
 * const conn = await ProbeConnection.open({ host: '127.0.0.1', port: 6379 }, signal);
 * try { conn.send(Buffer.from('PING\r\n')); await conn.receive(parseLine); } finally { conn.close(); }
 */
export class ProbeConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private readonly onData = (chunk: Buffer) => {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (this.buffer.length > MAX_BYTES) this.fail(probeError('answer too large', this.label));
    this.notify();
  };
  private readonly onError = (err: Error) => this.fail(err);
  private readonly onClose = () => this.fail(probeError('connection closed before an answer', this.label));
  private readonly onAbort = () => {
    this.fail(probeError('probe aborted', this.label));
    this.socket.destroy();
  };

  private constructor(
    private socket: net.Socket,
    private readonly label: string,
    private readonly signal: AbortSignal,
  ) {
    this.attach(socket);
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  /**
   * Connects (TLS from the first byte with `tls`), rejecting with the socket's error (e.g.
   * `connect ECONNREFUSED 127.0.0.1:6380`) or when `signal` aborts.
   */
  static open(
    endpoint: ProbeEndpoint,
    signal: AbortSignal,
    options: { tls?: tls.ConnectionOptions } = {},
  ): Promise<ProbeConnection> {
    const label = endpointLabel(endpoint);
    if (signal.aborted) return Promise.reject(probeError('probe aborted', label));
    return new Promise((resolve, reject) => {
      const target = endpoint.socketPath
        ? { path: endpoint.socketPath }
        : { host: endpoint.host, port: endpoint.port };
      const socket = options.tls
        ? tls.connect({ ...target, ...options.tls, servername: tlsServername(endpoint, options.tls) })
        : net.connect(target);
      const ready = options.tls ? 'secureConnect' : 'connect';
      const abort = () => {
        socket.destroy();
        reject(probeError('probe aborted', label));
      };
      const failed = (err: Error) => {
        signal.removeEventListener('abort', abort);
        socket.destroy();
        reject(err);
      };
      signal.addEventListener('abort', abort, { once: true });
      socket.once('error', failed);
      socket.once(ready, () => {
        signal.removeEventListener('abort', abort);
        socket.off('error', failed);
        resolve(new ProbeConnection(socket, label, signal));
      });
    });
  }

  /** Writes bytes (errors surface on the next {@link receive}). */
  send(data: Buffer): void {
    this.socket.write(data);
  }

  /** Waits until `parse` finds a whole answer in what arrived, and consumes those bytes. */
  async receive<T>(parse: ProbeParser<T>): Promise<T> {
    for (;;) {
      const parsed = parse(this.buffer);
      if (parsed) {
        this.buffer = this.buffer.subarray(parsed.used);
        return parsed.value;
      }
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  /** Switches this connection to TLS (Postgres after its SSLRequest). */
  async startTls(options: tls.ConnectionOptions): Promise<void> {
    if (this.failure) throw this.failure;
    this.detach(this.socket);
    const plain = this.socket;
    const secure = tls.connect({ ...options, socket: plain });
    this.socket = secure;
    await new Promise<void>((resolve, reject) => {
      const failed = (err: Error) => reject(err);
      secure.once('error', failed);
      secure.once('secureConnect', () => {
        secure.off('error', failed);
        resolve();
      });
    });
    this.attach(secure);
  }

  /** Closes the connection at once; safe to call twice. */
  close(): void {
    this.signal.removeEventListener('abort', this.onAbort);
    this.detach(this.socket);
    this.socket.on('error', () => {});
    this.socket.destroy();
  }

  private attach(socket: net.Socket): void {
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  private detach(socket: net.Socket): void {
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('close', this.onClose);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

function tlsServername(endpoint: ProbeEndpoint, options: tls.ConnectionOptions): string | undefined {
  if (options.servername !== undefined) return options.servername;
  return endpoint.socketPath || net.isIP(endpoint.host) ? undefined : endpoint.host;
}

function probeError(message: string, target: string): PushpullError {
  return new PushpullError('DEPENDENCY_PROBE_FAILED', `${target}: ${message}`, { target });
}
