import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach } from 'vitest';
import { VoucherProgramsClient } from '../src/index.js';

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => unknown;

export interface FakeApi {
  url: string;
  tokenUrl: string;
  requests: RecordedRequest[];
  /** Requests to the API, without the token endpoint's. */
  apiRequests(): RecordedRequest[];
  tokenRequests(): RecordedRequest[];
  /** Replaces the handler; requests are recorded either way. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export const tokenPath = '/oauth/v2/token';

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** Answers the token endpoint with a fresh numbered token each time, and everything else with 200 {}. */
export function defaultHandler(expiresIn = 3600): Handler {
  let issued = 0;
  return (request, response) => {
    if (request.url === tokenPath) return json(response, 200, { access_token: `token-${++issued}`, token_type: 'Bearer', expires_in: expiresIn, scope: 'organizations.voucher_programs' });
    json(response, 200, {});
  };
}

/** A real HTTP server on 127.0.0.1 and a port the OS picks, recording every request. */
export async function startFakeApi(handler: Handler = defaultHandler()): Promise<FakeApi> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const server = createServer(async (incoming, response) => {
    let body = '';
    incoming.setEncoding('utf8');
    for await (const chunk of incoming) body += chunk;
    const request = { method: incoming.method ?? '', url: incoming.url ?? '', headers: incoming.headers, body };
    requests.push(request);
    try {
      await current(request, response);
    } catch (error) {
      response.destroy(error as Error);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    tokenUrl: `${url}${tokenPath}`,
    requests,
    apiRequests: () => requests.filter((r) => r.url !== tokenPath),
    tokenRequests: () => requests.filter((r) => r.url === tokenPath),
    handle: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A fresh fake API per test and a client on it with a static token and retries off, closed after
 * the test. Read `fake.api` and `fake.client` inside tests (they change with every test).
 */
export function useFakeApiClient(): { api: FakeApi; client: VoucherProgramsClient } {
  const fake = {} as { api: FakeApi; client: VoucherProgramsClient };
  beforeEach(async () => {
    fake.api = await startFakeApi();
    fake.client = new VoucherProgramsClient({ baseUrl: fake.api.url, organizationId: 'o', auth: { type: 'token', token: 't' }, retry: false });
  });
  afterEach(() => fake.api.close());
  return fake;
}
