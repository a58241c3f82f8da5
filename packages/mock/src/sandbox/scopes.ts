import { operationTable } from '@voucher-programs/spec/operations';
import type { EngineContext } from './context.js';
import { ApiFailure } from './failure.js';
import type { TokenRecord } from './state.js';

export type OperationId = keyof typeof operationTable;

const unauthorized = (message: string) => new ApiFailure(401, 'unauthorized', message);

/**
 * The token behind `Authorization: Bearer …`, if the sandbox issued it, it has not expired on the
 * sandbox clock, and it carries one of the scopes the spec lists for the operation. Every refusal
 * is a 401 `unauthorized` (our choice: redeem declares no 403, and a 401 tells a client to fetch
 * a proper token).
 */
export function authorize(context: EngineContext, operationId: OperationId, authorization: string | undefined): TokenRecord {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!token) throw unauthorized('Send an access token from the sandbox token endpoint as Authorization: Bearer');
  const record = context.state.oauth.tokens.get(token);
  if (!record) throw unauthorized('The access token is not one this sandbox issued');
  if (record.expiresAt <= context.clock.now()) throw unauthorized('The access token has expired');
  const accepted: readonly string[] = operationTable[operationId].scopes;
  if (!record.scopes.some((scope) => accepted.includes(scope))) {
    throw unauthorized(`The access token lacks a scope this operation accepts: ${accepted.join(', ')}`);
  }
  return record;
}
