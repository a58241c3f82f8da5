import { createServer, type AddressInfo } from 'node:net';

/**
 * A loopback port nobody holds right now, for a child process that takes `--port` (a server in this
 * process listens on 0 instead). Another process could take it before the child does; rare on CI.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
