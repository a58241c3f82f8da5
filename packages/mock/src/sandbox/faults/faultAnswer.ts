import type { ErrorBody } from '../../mockOptions.js';
import type { Fault } from './faultRule.js';

/** An answer a fault puts in place of the real one. */
export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: ErrorBody;
}

const defaultRetryAfterSeconds = 1;

/**
 * The answer for an error fault, in the spec's Error model; undefined for latency and a dropped
 * connection, which change how the call is answered rather than what. `nowMs` is wall-clock time,
 * as for every `X-Rate-Limit-*` header (see rateLimitWindow.ts); `Retry-After` is in real seconds.
 */
export function faultAnswer(fault: Fault, nowMs: number, rateLimit = 500): FaultAnswer | undefined {
  const json = { 'Content-Type': 'application/json' };
  switch (fault.fault) {
    case 'rate_limited': {
      const retryAfter = fault.retry_after_seconds ?? defaultRetryAfterSeconds;
      return {
        status: 429,
        headers: {
          ...json,
          'Retry-After': String(retryAfter),
          'X-Rate-Limit-Limit': String(rateLimit),
          'X-Rate-Limit-Remaining': '0',
          'X-Rate-Limit-Reset': String(Math.ceil(nowMs / 1000) + retryAfter),
        },
        body: { code: 'rate_limited', message: 'Rate limit exceeded (a fault injected by the sandbox).' },
      };
    }
    case 'internal_server_error':
      return { status: 500, headers: json, body: { code: 'internal_server_error', message: 'Internal server error (a fault injected by the sandbox).' } };
    case 'service_unavailable':
      return {
        status: 503,
        headers: fault.retry_after_seconds === undefined ? json : { ...json, 'Retry-After': String(fault.retry_after_seconds) },
        body: { code: 'internal_server_error', message: 'Service unavailable (a fault injected by the sandbox).' },
      };
    case 'latency':
    case 'drop_connection':
      return undefined;
  }
}
