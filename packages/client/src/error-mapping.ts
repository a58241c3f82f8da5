import { errorCodes } from '@voucher-programs/spec/operations';
import { AbortError, ApiError, ConnectionError, InvalidResponseError, TimeoutError, VoucherProgramsError, type ErrorCode } from './errors.js';

const documentedCodes: ReadonlySet<string> = new Set(errorCodes);

function field(body: unknown, key: string): string | undefined {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Builds an ApiError from an error answer as openapi-fetch hands it over: the parsed JSON, or the
 * raw text when the body was not JSON (openapi-fetch never throws on an error body).
 */
export function apiErrorFrom(response: Response, errorBody: unknown, operationId: string | undefined): ApiError {
  const isText = typeof errorBody === 'string';
  const code = field(errorBody, 'code');
  const message =
    field(errorBody, 'message') ??
    field(errorBody, 'detail') ??
    field(errorBody, 'title') ??
    (isText && errorBody.trim() ? `non-JSON body (${response.headers.get('content-type') ?? 'no content type'})` : response.statusText || 'no body');
  return new ApiError({
    status: response.status,
    code: code !== undefined && documentedCodes.has(code) ? (code as ErrorCode) : undefined,
    message,
    body: isText ? undefined : errorBody,
    rawBody: isText ? errorBody : undefined,
    headers: response.headers,
    operationId,
  });
}

/**
 * Turns whatever a fetch or a body read threw into one of our errors: the caller's abort, a
 * timeout, a body that is not JSON, or a network failure. Our own errors pass through.
 */
export function transportErrorFrom(error: unknown, operationId: string | undefined, callerSignal: AbortSignal | undefined): VoucherProgramsError {
  if (error instanceof VoucherProgramsError) return error;
  if (callerSignal?.aborted) return new AbortError(`${operationId ?? 'request'} was aborted by the caller`, { operationId, cause: error });
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError') return new TimeoutError(`${operationId ?? 'request'} timed out`, { operationId, cause: error });
  if (name === 'AbortError') return new AbortError(`${operationId ?? 'request'} was aborted`, { operationId, cause: error });
  if (error instanceof SyntaxError) return new InvalidResponseError(`${operationId ?? 'request'} answered with a body that is not valid JSON`, { operationId, cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new ConnectionError(`${operationId ?? 'request'} failed before an answer arrived: ${reason}`, { operationId, cause: error });
}
