import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IHttpOperation } from '@stoplight/types';
import { findOperation } from '../../prismRouting.js';
import { applyFaultToNodeResponse } from './applyFault.js';
import type { FaultPlan } from './faultPlan.js';
import type { RateLimitWindow } from './rateLimitWindow.js';

type Handler = (request: IncomingMessage, reply: ServerResponse) => void;

export interface WithFaultsOptions {
  plan: FaultPlan;
  /** Wall-clock time, for `X-Rate-Limit-Reset` (see rateLimitWindow.ts). */
  now: () => number;
  /** Waits real milliseconds, for latency faults. */
  sleep: (ms: number) => Promise<unknown>;
  rateLimit: RateLimitWindow;
  /** The API's operations, to name the operation a rule targets. */
  operations: IHttpOperation[];
  /** Paths that are not Uber's API (the control API, the token endpoint): no headers, no faults. */
  isOwnPath?: (path: string) => boolean;
}

/**
 * Puts the `X-Rate-Limit-*` headers on every API answer and applies the plan's fault, if any,
 * before the API's own handler runs: a fault answer never reaches Prism, so a 503 the spec does
 * not declare is not reported as a violation, and a dropped call leaves the state untouched.
 */
export function withFaults(handler: Handler, options: WithFaultsOptions): Handler {
  const { plan, rateLimit, operations } = options;
  const applyOptions = { now: options.now, sleep: options.sleep, rateLimit: rateLimit.limit };
  const rateLimitHeaders = (request: IncomingMessage, reply: ServerResponse) => {
    // Counted per credential, as Uber counts per app.
    for (const [name, value] of Object.entries(rateLimit.take(request.headers.authorization ?? ''))) reply.setHeader(name, value);
    keepOwnRateLimitHeaders(reply);
  };
  return (request, reply) => {
    const path = (request.url ?? '/').split('?', 1)[0]!;
    if (options.isOwnPath?.(path)) return handler(request, reply);
    rateLimitHeaders(request, reply);
    // Routing costs as much as a fifth of a request: skip it while no rule is set.
    if (plan.size === 0) return handler(request, reply);
    const method = (request.method ?? 'GET').toLowerCase() as 'get';
    const operationId = findOperation(operations, { method: method === ('head' as string) ? 'get' : method, url: { path }, headers: {} })?.iid;
    const fault = plan.next(operationId);
    if (!fault) return handler(request, reply);
    applyFaultToNodeResponse(fault, reply, applyOptions).then(
      (outcome) => {
        if (outcome === 'continue' && !reply.destroyed) handler(request, reply);
      },
      () => reply.destroy(),
    );
  };
}

const rateLimitHeader = /^x-rate-limit-/i;

/**
 * An answer Prism makes from the spec carries the headers' example values; headers passed to
 * writeHead would replace the counts set above, so they are dropped from its argument.
 */
function keepOwnRateLimitHeaders(reply: ServerResponse): void {
  const writeHead = reply.writeHead;
  reply.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    for (const headers of args) {
      if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) continue;
      for (const name of Object.keys(headers)) if (rateLimitHeader.test(name)) delete (headers as Record<string, unknown>)[name];
    }
    return (writeHead as (...all: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
}
