import type { TokenSource } from './auth.js';
import { ConnectionError, TimeoutError } from './errors.js';
import { transportErrorFrom } from './error-mapping.js';
import { backoffDelayMs, isRetryableStatus, serverRequestedDelayMs, sleep, type RetryPolicy } from './retry.js';

export type FetchLike = (request: Request) => Promise<Response>;

/** What the transport needs to know about one call. */
export interface TransportCall {
  operationId: string | undefined;
  /** The spec's `x-idempotent`: only then are 429, 5xx and network failures retried. */
  idempotent: boolean;
  /** Undefined when the caller set Authorization themselves. */
  tokens: TokenSource | undefined;
  timeoutMs: number;
  deadlineMs: number;
  retry: RetryPolicy | false;
}

/**
 * The custom fetch openapi-fetch calls: auth, per-attempt timeout, retries. It sits beneath
 * openapi-fetch so every attempt is a fresh copy of the one request openapi-fetch built, and the
 * caller's signal (openapi-fetch puts it on the request) stops everything, waits included.
 */
export function createTransport(fetchImpl: FetchLike, call: TransportCall): FetchLike {
  return async function send(request: Request): Promise<Response> {
    const callerSignal = request.signal;
    const deadlineAt = Date.now() + call.deadlineMs;
    const tokens = request.headers.has('authorization') ? undefined : call.tokens;
    let retries = 0;
    let refreshed = false;
    for (;;) {
      const remainingMs = deadlineAt - Date.now();
      if (remainingMs <= 0) throw new TimeoutError(`${call.operationId ?? 'request'} ran past its ${call.deadlineMs} ms deadline`, { operationId: call.operationId });
      const timeout = AbortSignal.timeout(Math.min(call.timeoutMs, remainingMs));
      let token: string | undefined;
      let response: Response;
      try {
        token = tokens ? await tokens.token(callerSignal) : undefined;
        const attempt = request.clone();
        if (token) attempt.headers.set('Authorization', `Bearer ${token}`);
        response = await fetchImpl(new Request(attempt, { signal: AbortSignal.any([callerSignal, timeout]) }));
      } catch (thrown) {
        const error = transportErrorFrom(thrown, call.operationId, callerSignal);
        if (!(error instanceof ConnectionError) || !call.idempotent || !call.retry || retries >= call.retry.maxRetries) throw error;
        const delayMs = backoffDelayMs(retries, call.retry);
        if (Date.now() + delayMs >= deadlineAt) throw error;
        await wait(delayMs, callerSignal, call.operationId);
        retries++;
        continue;
      }
      // A 401 was refused before any work was done, so even a non-idempotent call may be re-sent once.
      if (response.status === 401 && token && !refreshed && tokens!.invalidate(token)) {
        refreshed = true;
        await discard(response);
        continue;
      }
      if (isRetryableStatus(response.status) && call.idempotent && call.retry && retries < call.retry.maxRetries) {
        const requestedMs = serverRequestedDelayMs(response.headers);
        const delayMs = requestedMs ?? backoffDelayMs(retries, call.retry);
        if ((requestedMs === undefined || requestedMs <= call.retry.maxRetryAfterMs) && Date.now() + delayMs < deadlineAt) {
          await discard(response);
          await wait(delayMs, callerSignal, call.operationId);
          retries++;
          continue;
        }
      }
      return response;
    }
  };
}

/** Frees the connection of an answer we will not read. */
async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Nothing to free.
  }
}

async function wait(ms: number, signal: AbortSignal, operationId: string | undefined): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch (reason) {
    throw transportErrorFrom(reason, operationId, signal);
  }
}
