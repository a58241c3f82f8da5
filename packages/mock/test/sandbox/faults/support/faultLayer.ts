import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { arrayBuffer } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import { findOperation } from '../../../../src/prismRouting.js';
import { bundledSpecPath } from '../../../../src/bundledSpec.js';
import { loadSpecOperations } from '../../../../src/specOperations.js';
import { withFaults, type FaultPlan, type RateLimitWindow } from '../../../../src/sandbox/faults/index.js';

export interface LayerCall {
  operationId: string | undefined;
  /** The status answered, or `dropped`. */
  outcome: number | 'dropped';
  /** Real time the request arrived, for checking the client's wait after a 429. */
  arrivedAt: number;
}

export interface FaultLayer {
  url: string;
  calls: LayerCall[];
  close(): Promise<void>;
}

/** Passes a call on to the real mock and copies its answer back. */
function proxyTo(upstream: string) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const body = await arrayBuffer(request);
    const answer = await fetch(new URL(request.url ?? '/', upstream), {
      method: request.method ?? 'GET',
      headers: Object.entries(request.headers).flatMap(([name, value]) => (typeof value === 'string' && name !== 'host' ? [[name, value] as [string, string]] : [])),
      ...(body.byteLength > 0 ? { body } : {}),
    });
    const answerBody = Buffer.from(await answer.arrayBuffer());
    const headers = Object.fromEntries([...answer.headers].filter(([name]) => !['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)));
    if (!response.destroyed) response.writeHead(answer.status, headers).end(answerBody);
  };
}

/**
 * `withFaults` in front of the real contract mock, as the sandbox puts it in front of its engine;
 * each call is recorded with the operation it was for and what the client got.
 */
export async function startFaultLayer(upstream: string, plan: FaultPlan, rateLimit: RateLimitWindow, now: () => number): Promise<FaultLayer> {
  const operations = await loadSpecOperations(bundledSpecPath);
  const calls: LayerCall[] = [];
  const proxy = proxyTo(upstream);
  const faulty = withFaults((request, response) => void proxy(request, response), { plan, rateLimit, operations, now, sleep });
  const server = createServer((request, response) => {
    const arrivedAt = performance.now();
    const path = (request.url ?? '/').split('?', 1)[0]!;
    const operationId = findOperation(operations, { method: (request.method ?? 'GET').toLowerCase() as 'get', url: { path }, headers: {} })?.iid;
    response.on('close', () => calls.push({ operationId, outcome: response.writableFinished ? response.statusCode : 'dropped', arrivedAt }));
    faulty(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
