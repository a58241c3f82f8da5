import type { BundledSpec } from '../../generate/artifact.ts';
import { acceptedScopes, requestBodyExample, type SpecOperation, type SpecParameter } from '../spec-walk.ts';

/** What every generated sample of one operation is built from, so curl and TypeScript agree. */
export interface SampleValues {
  pathParameters: SpecParameter[];
  /** Query parameters worth showing: required ones and optional ones with an example, never a paging cursor. */
  queryParameters: Array<SpecParameter & { example: string | number | boolean }>;
  headerParameters: Array<SpecParameter & { example: string }>;
  body: { value: unknown; required: boolean } | undefined;
  /** Redeem acts for a rider with the rider's own token; every other call uses the app's token. */
  usesRiderToken: boolean;
}

export function sampleValues(spec: BundledSpec, op: SpecOperation): SampleValues {
  const cursor: string | undefined = op.operation['x-pagination']?.cursor;
  const missing = (p: SpecParameter) => new Error(`${op.operationId}: ${p.in} parameter ${p.name} has no example`);
  const pathParameters = op.parameters.filter((p) => p.in === 'path');
  for (const p of pathParameters) if (p.example === undefined) throw missing(p);
  const queryParameters = op.parameters
    .filter((p) => p.in === 'query' && p.name !== cursor && (p.required || p.example !== undefined))
    .map((p) => {
      if (!['string', 'number', 'boolean'].includes(typeof p.example)) throw missing(p);
      return p as SpecParameter & { example: string | number | boolean };
    });
  const headerParameters = op.parameters
    .filter((p) => p.in === 'header' && (p.required || typeof p.example === 'string'))
    .map((p) => {
      if (typeof p.example !== 'string') throw missing(p);
      return p as SpecParameter & { example: string };
    });
  const scopes = acceptedScopes(spec, op);
  return {
    pathParameters,
    queryParameters,
    headerParameters,
    body: requestBodyExample(spec, op),
    usesRiderToken: scopes.length > 0 && scopes.every((scope) => scope === 'vouchers.redeem'),
  };
}

/**
 * Path parameters that samples read from the environment rather than show an example of: the
 * organization is the reader's own, while program and template ids differ per call.
 */
export const pathParameterEnvironment: Readonly<Record<string, string>> = { organization_id: 'UBER_ORGANIZATION_ID' };

/** Environment variables holding tokens, by who the token belongs to. */
export const tokenEnvironment = { organization: 'UBER_TOKEN', rider: 'UBER_RIDER_TOKEN' } as const;
