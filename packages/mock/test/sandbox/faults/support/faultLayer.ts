import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { arrayBuffer } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import { findOperation } from '../../../../src/prismRouting.js';
import { bundledSpecPath, loadSpecOperations } from '../../../../src/specOperations.js';
import { applyFaultToNodeResponse, type FaultPlan, type RateLimitWindow } from '../../../../src/sandbox/faults/index.js';

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

/**
 * Faults in front of the real contract mock, as the sandbox puts them in front of its engine:
 * route the request to its operation, take the rate-limit headers, apply the plan's fault or
 * pass the call on.
 */
export async function startFaultLayer(upstream: string, plan: FaultPlan, window: RateLimitWindow, now: () => number): Promise<FaultLayer> {
  const operations = await loadSpecOperations(bundledSpecPath);
  const calls: LayerCall[] = [];
  const server = createServer(async (request, response) => {
    const arrivedAt = performance.now();
    const body = await arrayBuffer(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = (request.method ?? 'GET').toLowerCase() as 'get';
    const operationId = findOperation(operations, { method, url: { path: url.pathname }, headers: {} })?.iid;
    for (const [name, value] of Object.entries(window.take())) response.setHeader(name, value);
    const fault = plan.next(operationId);
    if (fault) {
      const outcome = await applyFaultToNodeResponse(fault, response, { now, sleep });
      if (outcome === 'dropped') return void calls.push({ operationId, outcome, arrivedAt });
      if (outcome === 'answered') return void calls.push({ operationId, outcome: response.statusCode, arrivedAt });
    }
    if (response.destroyed) return;
    const answer = await fetch(new URL(request.url ?? '/', upstream), {
      method: request.method ?? 'GET',
      headers: Object.entries(request.headers).flatMap(([name, value]) => (typeof value === 'string' && name !== 'host' ? [[name, value] as [string, string]] : [])),
      ...(body.byteLength > 0 ? { body } : {}),
    });
    const answerBody = Buffer.from(await answer.arrayBuffer());
    const headers = Object.fromEntries([...answer.headers].filter(([name]) => !['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)));
    response.writeHead(answer.status, headers).end(answerBody);
    calls.push({ operationId, outcome: answer.status, arrivedAt });
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
