import net from 'node:net';
import { closedPort } from '@pushpull/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createDependencyHealth } from './dependency-health';
import type { DependencyProbe } from './dependency-probe';
import { kafkaProbe } from './kafka-probe';
import { postgresProbe } from './postgres-probe';
import { redisProbe } from './redis-probe';

/** Throwaway TCP servers this test owns, closed after each test. */
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A server that calls `onData` with what each client sent (and may answer). */
async function serve(onData: (socket: net.Socket, data: Buffer) => void = () => {}): Promise<number> {
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('data', (d) => onData(socket, d));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
}

async function statusOf(probe: DependencyProbe, timeoutMs = 2000) {
  const report = await createDependencyHealth([probe], { timeoutMs }).check();
  return report.dependencies[probe.name];
}

describe('dependency probes without the real services', () => {
  it('are down on a closed port, naming where', async () => {
    const port = await closedPort();
    for (const probe of [
      postgresProbe(`postgres://app:s3cret@127.0.0.1:${port}/pushpull`),
      kafkaProbe([`127.0.0.1:${port}`]),
      redisProbe(`redis://:s3cret@127.0.0.1:${port}`),
    ]) {
      const status = await statusOf(probe);
      expect(status?.up, probe.name).toBe(false);
      expect(status?.reason, probe.name).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);
      expect(probe.target).toBe(`127.0.0.1:${port}`);
    }
  });

  it('are down when the server accepts but never answers (timeout) or hangs up', async () => {
    const silent = await serve();
    expect((await statusOf(kafkaProbe([`127.0.0.1:${silent}`]), 50))?.reason).toBe(
      `no answer from 127.0.0.1:${silent} within 50 ms`,
    );
    const rude = await serve((socket) => socket.destroy());
    expect((await statusOf(redisProbe(`redis://127.0.0.1:${rude}`)))?.reason).toBe(
      `127.0.0.1:${rude}: connection closed before an answer`,
    );
  });

  it('postgres: an ErrorResponse (starting up) is down with its code; an authentication request is up', async () => {
    const errorResponse = (code: string, message: string) => {
      const body = Buffer.from(`SFATAL\0C${code}\0M${message}\0\0`);
      const head = Buffer.alloc(5);
      head.write('E', 0);
      head.writeInt32BE(4 + body.length, 1);
      return Buffer.concat([head, body]);
    };
    const starting = await serve((s) => s.end(errorResponse('57P03', 'the database system is starting up')));
    expect((await statusOf(postgresProbe(`postgres://app@127.0.0.1:${starting}/db`)))?.reason).toBe(
      `127.0.0.1:${starting}: 57P03 the database system is starting up`,
    );
    const sent: Buffer[] = [];
    const scram = await serve((s, d) => {
      sent.push(d);
      s.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 10])); // AuthenticationSASL (truncated list)
    });
    expect((await statusOf(postgresProbe(`postgres://app:s3cret@127.0.0.1:${scram}/db`)))?.up).toBe(true);
    const startup = Buffer.concat(sent).toString('utf8');
    expect(startup).toContain('user\0app\0database\0db\0');
    expect(startup).not.toContain('s3cret');
  });

  it('redis: authenticates with the URL password, then PING; an error reply is down', async () => {
    const commands: string[] = [];
    const port = await serve((s, d) => {
      commands.push(d.toString('utf8'));
      const text = d.toString('utf8');
      s.write(text.includes('AUTH') ? '+OK\r\n' : '-LOADING Redis is loading the dataset in memory\r\n');
    });
    const status = await statusOf(redisProbe(`redis://worker:p%40ss@127.0.0.1:${port}/0`));
    expect(status?.reason).toBe(`127.0.0.1:${port}: LOADING Redis is loading the dataset in memory`);
    expect(commands.join('')).toContain('$4\r\nAUTH\r\n$6\r\nworker\r\n$4\r\np@ss\r\n');
  });

  it('kafka: up when any broker answers ApiVersions, down with every reason otherwise', async () => {
    const port = await closedPort();
    const broker = await serve((s, d) => {
      const answer = Buffer.alloc(10);
      answer.writeInt32BE(6, 0);
      d.copy(answer, 4, 8, 12); // correlation id of the request
      answer.writeInt16BE(0, 8);
      s.write(answer);
    });
    expect((await statusOf(kafkaProbe([`127.0.0.1:${port}`, `127.0.0.1:${broker}`])))?.up).toBe(true);
    const other = await closedPort();
    expect((await statusOf(kafkaProbe([`127.0.0.1:${port}`, `127.0.0.1:${other}`])))?.reason).toBe(
      `connect ECONNREFUSED 127.0.0.1:${port}; connect ECONNREFUSED 127.0.0.1:${other}`,
    );
  });

  it('an unparseable URL is down without echoing it', async () => {
    const status = await statusOf(postgresProbe('not a url with s3cret'));
    expect(status).toMatchObject({ up: false, reason: 'DATABASE_URL is not a URL' });
    expect((await statusOf(redisProbe('::::s3cret')))?.reason).toBe('REDIS_URL is not a URL');
  });
});
