import type { SpecOperation } from '../../../scripts/docs/spec-walk.ts';
import { sampleValues } from '../../../scripts/docs/samples/sample-values.ts';
import { bundle } from './bundle.ts';
import { pointerSegment, schemaValidator } from './schema-validator.ts';

/** A request the spec accepts, built from its own examples: the base every contract call starts from. */
export interface ValidRequest {
  /** Every path parameter, `organization_id` included. */
  pathParams: Record<string, string>;
  query: Record<string, string | number | boolean>;
  /** Header parameters that have an example (Accept-Language). */
  headers: Record<string, string>;
  /** The request body's example, or undefined when the operation takes none. */
  body: unknown;
  /** Redeem acts for a rider and takes the rider's token. */
  usesRiderToken: boolean;
}

export function validRequest(op: SpecOperation): ValidRequest {
  const values = sampleValues(bundle, op);
  return {
    pathParams: Object.fromEntries(values.pathParameters.map((p) => [p.name, String(p.example)])),
    query: Object.fromEntries(values.queryParameters.map((p) => [p.name, p.example])),
    headers: Object.fromEntries(values.headerParameters.map((p) => [p.name, p.example])),
    body: values.body?.value,
    usesRiderToken: values.usesRiderToken,
  };
}

/** The operation's URL on `baseUrl`, with path ids filled in (encoded) and the query appended. */
export function operationUrl(baseUrl: string, op: SpecOperation, pathParams: Record<string, string>, query: Record<string, unknown> = {}): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = pathParams[name];
    if (value === undefined) throw new Error(`${op.operationId}: no value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)])).toString();
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

/** Where the operation's JSON request schema sits in the bundle. */
export function requestSchemaPointer(op: SpecOperation): string {
  if (!op.operation.requestBody) throw new Error(`${op.operationId} takes no request body`);
  const requestBodyPointer: string = op.operation.requestBody.$ref ?? `#/paths/${pointerSegment(op.path)}/${op.method}/requestBody`;
  return `${requestBodyPointer}/content/application~1json/schema`;
}

/** What is wrong with a request body by the operation's JSON request schema; empty when valid. */
export function requestBodyProblems(op: SpecOperation, body: unknown): string[] {
  return schemaValidator(requestSchemaPointer(op))(body);
}
