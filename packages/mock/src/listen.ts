import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockListenError } from './errors.js';

export interface Listening {
  url: string;
  port: number;
  host: string;
  stop(): Promise<void>;
}

// What the mock says to a client whose HTTP it cannot parse, in the spec's Error model.
const badHttpPayload = JSON.stringify({ code: 'invalid_request', message: 'The request is not valid HTTP' });
const badHttpAnswer = `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(badHttpPayload)}\r\nConnection: close\r\n\r\n${badHttpPayload}`;

/** Serves the handler on host:port (0 = a free port) and returns a stop() that leaves no socket open. */
export async function listen(handler: RequestListener, port: number, host: string): Promise<Listening> {
  // Bounded timeouts: a client that stops mid-request cannot hold the mock forever.
  const server: Server = createServer({ requestTimeout: 30_000 }, handler);
  server.headersTimeout = 10_000;
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end(badHttpAnswer);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(new MockListenError(listenFailure(error, port, host), { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    host: address.address,
    stop() {
      stopped ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

function listenFailure(error: NodeJS.ErrnoException, port: number, host: string): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use; pick another with --port, or --port 0 for any free port`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `cannot listen on host ${host}: no such local address`;
    case 'EACCES':
      return `not allowed to listen on port ${port} on ${host}`;
    default:
      return `cannot listen on ${host}:${port}: ${error.message}`;
  }
}
