import type { FetchLike } from './transport.js';

/**
 * One request and its answer (or its failure) as a logger sees it. Header values that carry
 * credentials are replaced before the logger sees them; bodies are never included (token requests
 * and answers carry secrets in theirs).
 */
export interface HttpExchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  /** Undefined when no answer came (see `error`). */
  status?: number;
  responseHeaders?: Record<string, string>;
  /** Until the answer's headers arrived, or the failure. */
  durationMs: number;
  /** Why no answer came: a timeout, a refused connection, an abort. */
  error?: string;
}

export type HttpLogger = (exchange: HttpExchange) => void;

export const redacted = '[redacted]';
const credentialHeaders = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key)$/i;

/** A header list as a plain object, credentials replaced by `[redacted]`. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const plain: Record<string, string> = {};
  headers.forEach((value, name) => {
    plain[name] = credentialHeaders.test(name) ? redacted : value;
  });
  return plain;
}

/**
 * A fetch for the client's `fetch` option that shows every request and answer to `logger`: each
 * attempt, retry and token request, as sent (Authorization included, redacted). It sits beneath
 * the client's retries, so what it sees is what went over the wire. A logger that throws never
 * breaks the call it watches.
 */
export function loggingFetch(logger: HttpLogger, next: FetchLike = (request, init) => globalThis.fetch(request, init)): FetchLike {
  return async (request, init) => {
    const startedAt = Date.now();
    const log = (answer: Response | unknown) => {
      try {
        const exchange: HttpExchange = { method: request.method, url: request.url, requestHeaders: redactHeaders(request.headers), durationMs: Date.now() - startedAt };
        if (answer instanceof Response) {
          exchange.status = answer.status;
          exchange.responseHeaders = redactHeaders(answer.headers);
        } else {
          exchange.error = answer instanceof Error ? `${answer.name}: ${answer.message}` : String(answer);
        }
        logger(exchange);
      } catch {
        // Observing must not change what it observes.
      }
    };
    try {
      const response = await next(request, init);
      log(response);
      return response;
    } catch (error) {
      log(error);
      throw error;
    }
  };
}
