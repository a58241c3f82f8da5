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

/**
 * Why a token could not be had: the token endpoint's OAuth `error` (RFC 6749 §5.2, plus Uber's
 * `too_many_requests`), or what went wrong on our side of it.
 */
export type AuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'too_many_requests'
  /** Any other `error` the endpoint named (kept in `oauthError`), or an error status without one. */
  | 'token_request_failed'
  /** A success answer without an `access_token`, or not JSON at all. */
  | 'invalid_token_answer'
  /** The tokens hold no refresh token: authorize again. */
  | 'no_refresh_token'
  /** The user or the organization declined on the authorize or consent page. */
  | 'access_denied'
  /** A redirect back from Uber without what it should carry (`code`, `org_uuid`), or with another `state`. */
  | 'invalid_callback'
  /** Your `getToken` or `onTokens` threw (see `cause`), or the auth options are incomplete. */
  | 'auth_setup';

const oauthCodes = /^(invalid_(request|client|grant|scope)|unauthorized_client|unsupported_grant_type|too_many_requests)$/;

/** The token endpoint refused, answered something that is not a token, or a provider failed. */
export class AuthError extends VoucherProgramsError {
  override name = 'AuthError';
  /** `switch (error.code)` is checked by the compiler. */
  readonly code: AuthErrorCode;
  readonly status: number | undefined;
  /** The OAuth `error` field as sent (`invalid_client`…), never the credentials. */
  readonly oauthError: string | undefined;
  /** For `too_many_requests`: how long no token request will be sent. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    init: { code?: AuthErrorCode; status?: number | undefined; oauthError?: string | undefined; retryAfterMs?: number | undefined; cause?: unknown } = {},
  ) {
    super(message, { operationId: 'token', cause: init.cause });
    const oauthError = init.oauthError;
    this.code = init.code ?? (oauthError && oauthCodes.test(oauthError) ? (oauthError as AuthErrorCode) : init.status ? 'token_request_failed' : 'auth_setup');
    this.status = init.status;
    this.oauthError = init.oauthError;
    this.retryAfterMs = init.retryAfterMs;
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
