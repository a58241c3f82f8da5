import type { IHttpOperation } from '@stoplight/types';

import type { ErrorBody } from './mockOptions.js';

export interface ErrorAnswer {
  status: number;
  body: ErrorBody;
}

// Used only when an operation's declared response carries no example to take the code from.
const codeByStatus: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'user_not_allowed',
  404: 'resource_not_found',
  409: 'code_generation_in_progress',
  429: 'rate_limited',
  500: 'internal_server_error',
};

function declares(operation: IHttpOperation, status: number): boolean {
  return operation.responses.some((response) => response.code === String(status));
}

/**
 * The status to answer with: the wanted one if the operation declares it, else 400 for a
 * client error (the spec's catch-all for a bad request), else 500. An unknown route has no
 * operation, so it keeps the wanted status.
 */
export function declaredStatus(operation: IHttpOperation | undefined, wanted: number): number {
  if (!operation || declares(operation, wanted)) return wanted;
  const fallback = wanted < 500 ? 400 : 500;
  if (declares(operation, fallback)) return fallback;
  const firstError = operation.responses.find((response) => /^[45]\d\d$/.test(response.code));
  return firstError ? Number(firstError.code) : fallback;
}

/** The `code` of the first named example the operation declares for this status. */
export function declaredErrorCode(operation: IHttpOperation | undefined, status: number): string {
  const response = operation?.responses.find((candidate) => candidate.code === String(status));
  for (const content of response?.contents ?? []) {
    for (const example of namedExamples(content.examples)) {
      const code = (example as { value?: { code?: unknown } }).value?.code;
      if (typeof code === 'string') return code;
    }
  }
  return codeByStatus[status] ?? (status < 500 ? 'invalid_request' : 'internal_server_error');
}

/**
 * Prism lists a schema-level `example` first under the key `default`; the spec's named
 * examples (keyed by error code) are the ones that say which error a status means.
 */
function namedExamples<T extends { key: string }>(examples: readonly T[] | undefined): T[] {
  const all = examples ?? [];
  const named = all.filter((example) => example.key !== 'default');
  return named.length > 0 ? named : [...all];
}

export function errorAnswer(
  operation: IHttpOperation | undefined,
  wantedStatus: number,
  message: string,
  metadata?: Record<string, unknown>,
): ErrorAnswer {
  const status = declaredStatus(operation, wantedStatus);
  const body: ErrorBody = { code: declaredErrorCode(operation, status), message };
  if (metadata) body.metadata = metadata;
  return { status, body };
}
