import net from 'node:net';

/**
 * A local TCP port nothing listens on: bound on 127.0.0.1, then closed, so that a connection to it
 * is refused (`ECONNREFUSED`), for tests of what a client does when its server is not there.
 *
 * @example const port = await closedPort(); // connect to 127.0.0.1:port → ECONNREFUSED
 */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}
