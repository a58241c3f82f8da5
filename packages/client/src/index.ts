export { VoucherProgramsClient, baseUrls, type VoucherProgramsClientOptions, type RawMethods } from './client.js';
export { uberTokenUrl, type Auth } from './auth.js';
export { AbortError, ApiError, AuthError, type AuthErrorCode, ConnectionError, InvalidResponseError, TimeoutError, VoucherProgramsError, type ErrorCode } from './errors.js';
export { defaultRetryPolicy, type RetryPolicy } from './retry.js';
export type { WaitForCodesOptions } from './wait-for-codes.js';
export type {
  CallOptions,
  CodeGenerationOperationId,
  NamedGroups,
  NamedMethod,
  OperationId,
  OperationInit,
  OperationResult,
  PageItem,
  PaginatedOperationId,
  Tag,
} from './types.js';
export { clientVersion } from './version.js';
