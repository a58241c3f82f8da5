import type { components } from '@voucher-programs/spec';

/** Every documented error `code`, so `switch (error.code)` is checked by the compiler. */
export type ErrorCode = components['schemas']['ErrorCode'];

interface ErrorContext {
  operationId?: string | undefined;
  cause?: unknown;
}

/** The base of every error this client throws: `instanceof VoucherProgramsError` catches them all. */
export class VoucherProgramsError extends Error {
  override name = 'VoucherProgramsError';
  /** The spec's operationId of the call that failed (`token` for the token request). */
  readonly operationId: string | undefined;

  constructor(message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.operationId = context.operationId;
  }
}

/** The API answered with an error status. Carries what the spec documents for errors. */
export class ApiError extends VoucherProgramsError {
  override name = 'ApiError';
  readonly status: number;
  /** The spec's error `code`, or undefined when the body is not a documented error (an HTML 502). */
  readonly code: ErrorCode | undefined;
  /** The parsed JSON body, when the body was JSON. */
  readonly body: unknown;
  /** The body as text, when it was not JSON (a gateway's HTML page, a cut-off answer). */
  readonly rawBody: string | undefined;
  readonly headers: Headers;
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    code: ErrorCode | undefined;
    message: string;
    body: unknown;
    rawBody: string | undefined;
    headers: Headers;
    operationId: string | undefined;
  }) {
    const requestId = init.headers.get('x-uber-request-id') ?? init.headers.get('x-request-id') ?? undefined;
    const what = [init.status, init.code].filter(Boolean).join(' ');
    super(`${init.operationId ?? 'request'} failed: ${what}: ${init.message}${requestId ? ` (request id ${requestId})` : ''}`, {
      operationId: init.operationId,
    });
    this.status = init.status;
    this.code = init.code;
    this.body = init.body;
    this.rawBody = init.rawBody;
    this.headers = init.headers;
    this.requestId = requestId;
  }
}

/** The request never got an answer: DNS, refused or reset connection, a body cut off mid-stream. */
export class ConnectionError extends VoucherProgramsError {
  override name = 'ConnectionError';
}

/** An attempt, the call's deadline or the wait for codes ran out of time. */
export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError';
}

/** The caller's AbortSignal fired; nothing is retried after that. */
export class AbortError extends VoucherProgramsError {
  override name = 'AbortError';
}

/** The token endpoint refused the credentials or answered something that is not a token. */
export class AuthError extends VoucherProgramsError {
  override name = 'AuthError';
  readonly status: number | undefined;
  /** The OAuth `error` field (`invalid_client`, `invalid_scope`…), never the credentials. */
  readonly oauthError: string | undefined;

  constructor(message: string, init: { status?: number | undefined; oauthError?: string | undefined; cause?: unknown } = {}) {
    super(message, { operationId: 'token', cause: init.cause });
    this.status = init.status;
    this.oauthError = init.oauthError;
  }
}

/** A success status whose body is not the JSON the spec promises. */
export class InvalidResponseError extends VoucherProgramsError {
  override name = 'InvalidResponseError';
  readonly status: number | undefined;
  readonly rawBody: string | undefined;

  constructor(message: string, init: ErrorContext & { status?: number | undefined; rawBody?: string | undefined }) {
    super(message, init);
    this.status = init.status;
    this.rawBody = init.rawBody;
  }
}
