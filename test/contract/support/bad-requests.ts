import fc from 'fast-check';
import { resolveRef, type SpecOperation } from '../../../scripts/docs/spec-walk.ts';
import { bundle, specOperations } from './bundle.ts';
import { organizationToken, riderToken } from './contract-client.ts';
import { invalidBodies } from './invalid-bodies.ts';
import { operationUrl, validRequest } from './valid-request.ts';

/** One bad request, relative to the mock's URL, and what the spec (through the mock's README) says it gets. */
export interface BadRequest {
  label: string;
  /** The operation the request was aimed at; undefined when no route matches. */
  operationId: string | undefined;
  method: string;
  /** Path and query, already encoded as they go on the wire. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** When the answer is fully determined: the status and the error code. */
  expected?: { status: number; code: string };
}

const invalidRequest = { status: 400, code: 'invalid_request' } as const;
const unauthorized = { status: 401, code: 'unauthorized' } as const;
const notFound = { status: 404, code: 'resource_not_found' } as const;

const operationsWithBody = specOperations.filter((op) => op.operation.requestBody);
const operationsWithIds = specOperations.filter((op) => op.parameters.some((p) => p.in === 'path' && p.name !== 'organization_id'));

/** Everything right about a request to `op`; each bad request changes one thing. */
function wellFormed(op: SpecOperation, override: { pathParams?: Record<string, string>; query?: Record<string, string> } = {}) {
  const request = validRequest(op);
  const pathParams = { ...request.pathParams, ...override.pathParams };
  return {
    operationId: op.operationId,
    method: op.method.toUpperCase(),
    path: operationUrl('', op, pathParams, { ...request.query, ...override.query }),
    headers: {
      ...request.headers,
      accept: 'application/json',
      authorization: `Bearer ${request.usesRiderToken ? riderToken : organizationToken}`,
      ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
    } as Record<string, string>,
    ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
  };
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Bodies that break one keyword of the request schema, derived from it (see invalid-bodies.ts). */
export const schemaInvalidBody: fc.Arbitrary<BadRequest> = fc.constantFrom(...operationsWithBody).chain((op) =>
  invalidBodies(op)
    // A JSON null body has its own test: the mock cannot tell it from no body (see bad-input.test.ts).
    .filter(({ body }) => body !== null)
    .map(({ kind, at, body }) => ({
    ...wellFormed(op),
    label: `${op.operationId} body ${kind} at ${at}`,
    body: JSON.stringify(body),
    expected: invalidRequest,
  })),
);

/** Query and path parameters that break their schema: wrong type, out of range, too long. */
export const invalidParameter: fc.Arbitrary<BadRequest> = fc
  .constantFrom(...specOperations.flatMap((op) => op.parameters.filter((p) => p.in === 'query' || p.in === 'path').map((parameter) => ({ op, parameter }))))
  .chain(({ op, parameter }) => {
    const { schema } = parameter;
    const breakers: Array<fc.Arbitrary<[string, string]>> = [];
    const notANumber = fc.string({ minLength: 1, maxLength: 12 }).filter((v) => v.trim() !== '' && Number.isNaN(Number(v)));
    if (schema.type === 'integer') {
      breakers.push(notANumber.map((v): [string, string] => ['not-a-number', v]));
      breakers.push(fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((v) => !Number.isInteger(v)).map((v): [string, string] => ['not-an-integer', String(v)]));
      if (typeof schema.minimum === 'number') breakers.push(fc.integer({ min: -1e9, max: schema.minimum - 1 }).map((v): [string, string] => ['below-minimum', String(v)]));
    }
    if (schema.type === 'boolean') {
      breakers.push(fc.string({ minLength: 1, maxLength: 12 }).filter((v) => !['true', 'false', '0', '1'].includes(v.trim().toLowerCase()) && v.trim() !== '').map((v): [string, string] => ['not-a-boolean', v]));
    }
    if (typeof schema.maxLength === 'number') {
      breakers.push(fc.stringMatching(new RegExp(`^[a-z0-9-]{${schema.maxLength + 1},${schema.maxLength + 200}}$`)).map((v): [string, string] => ['too-long', v]));
    }
    if (breakers.length === 0) return fc.constant(undefined);
    return fc.oneof(...breakers).map(([kind, value]): BadRequest => ({
      ...wellFormed(op, parameter.in === 'path' ? { pathParams: { [parameter.name]: value } } : { query: { [parameter.name]: value } }),
      label: `${op.operationId} ${parameter.in} ${parameter.name} ${kind}`,
      expected: invalidRequest,
    }));
  })
  .filter((request): request is BadRequest => request !== undefined);

/** Bodies that are not JSON at all, sent as application/json. */
export const malformedJson: fc.Arbitrary<BadRequest> = fc.constantFrom(...operationsWithBody).chain((op) => {
  const valid = wellFormed(op).body ?? '{}';
  const payloads = fc.oneof(
    fc.integer({ min: 1, max: Math.max(1, valid.length - 1) }).map((end) => valid.slice(0, end)),
    fc.string({ minLength: 1, maxLength: 64 }),
    fc.constantFrom("{'limit': 10}", '{"limit":}', '[1,2,', 'NaN', '{"limit": 10,}', '\uFEFF{}', 'undefined', '{"a":1}{"b":2}', '{"a":"\\x41"}', ' '),
  );
  return payloads.filter((payload) => !parsesAsJson(payload)).map((payload) => ({ ...wellFormed(op), label: `${op.operationId} malformed JSON`, body: payload, expected: invalidRequest }));
});

/** A valid JSON body labelled as something else. */
export const wrongContentType: fc.Arbitrary<BadRequest> = fc
  .tuple(
    fc.constantFrom(...operationsWithBody),
    fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=voucher', 'application/octet-stream', 'text/html', 'image/png'),
  )
  .map(([op, contentType]) => {
    const request = wellFormed(op);
    return { ...request, label: `${op.operationId} sent as ${contentType}`, headers: { ...request.headers, 'content-type': contentType }, expected: invalidRequest };
  });

/** Whether the operation's success answer has a body (a 204 has none, so any Accept can be met). */
function answersWithBody(op: SpecOperation): boolean {
  return Object.entries<Record<string, any>>(op.operation.responses).some(([status, response]) => status.startsWith('2') && resolveRef(bundle, response).content);
}

/** Asking for an answer in a media type the API does not produce. */
export const wrongAccept: fc.Arbitrary<BadRequest> = fc
  .tuple(fc.constantFrom(...specOperations), fc.constantFrom('text/html', 'application/xml', 'image/png', 'text/csv'))
  .map(([op, accept]) => {
    const request = wellFormed(op);
    return { ...request, label: `${op.operationId} accepting ${accept}`, headers: { ...request.headers, accept }, ...(answersWithBody(op) ? { expected: invalidRequest } : {}) };
  });

/**
 * A valid body padded with JSON whitespace to `size` bytes: only its size is wrong, so under the
 * cap it is accepted and over it refused.
 */
export function paddedValidBody(op: SpecOperation, size: number): string {
  const valid = wellFormed(op).body ?? '{}';
  return `${valid}${' '.repeat(Math.max(0, size - Buffer.byteLength(valid)))}`;
}

/** Valid bodies over the mock's cap. */
export function hugeBody(capBytes: number): fc.Arbitrary<BadRequest> {
  return fc.tuple(fc.constantFrom(...operationsWithBody), fc.integer({ min: capBytes + 1, max: capBytes * 2 })).map(([op, size]) => ({
    ...wellFormed(op),
    label: `${op.operationId} with a valid body padded to ${size} bytes`,
    body: paddedValidBody(op, size),
    expected: invalidRequest,
  }));
}

/** No token, or something that is not a bearer token. */
export const badAuthorization: fc.Arbitrary<BadRequest> = fc
  .tuple(fc.constantFrom(...specOperations), fc.constantFrom(undefined, '', 'Bearer', 'Bearer ', 'Basic dm91Y2hlcjpwcm9ncmFtcw==', 'Token abc', 'abc'))
  .map(([op, authorization]) => {
    const { authorization: _valid, ...headers } = wellFormed(op).headers;
    return {
      ...wellFormed(op),
      label: `${op.operationId} with authorization ${JSON.stringify(authorization)}`,
      headers: authorization === undefined ? headers : { ...headers, authorization },
      expected: unauthorized,
    };
  });

/** Path ids no real program has: encoded NUL and slashes, bad escapes, unicode, very long. */
export const oddPathId: fc.Arbitrary<BadRequest> = fc
  .tuple(
    fc.constantFrom(...operationsWithIds),
    fc.oneof(
      fc.constantFrom('%00', '..%2F', '..%2F..%2F', '%2F', '%5C', '%', '%zz', '%C0%AE', '%E2%80%AE', '%20', '%0D%0A', 'a%00b'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }).map((id) => encodeURIComponent(id)),
      fc.integer({ min: 65, max: 3_000 }).map((length) => 'a'.repeat(length)),
    ),
  )
  .map(([op, rawId]) => {
    const request = wellFormed(op);
    const idName = op.parameters.find((p) => p.in === 'path' && p.name !== 'organization_id')!.name;
    const placeholder = encodeURIComponent(validRequest(op).pathParams[idName]!);
    return { ...request, label: `${op.operationId} with ${idName} ${rawId.slice(0, 40)}`, path: request.path.replace(placeholder, rawId) };
  });

const routes = specOperations.map((op) => ({ op, pattern: new RegExp(`^${op.path.replace(/\{\w+\}/g, '[^/]+')}$`) }));

/** The operation a method and path reach, if any (the query is ignored). */
export function routeOf(method: string, path: string): SpecOperation | undefined {
  const pathname = path.split('?')[0]!;
  return routes.find((route) => route.op.method.toUpperCase() === method && route.pattern.test(pathname))?.op;
}

/** A method the path does not have. */
export const wrongMethod: fc.Arbitrary<BadRequest> = fc
  .tuple(fc.constantFrom(...specOperations), fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'))
  .filter(([op, method]) => routeOf(method, operationUrl('', op, validRequest(op).pathParams)) === undefined)
  .map(([op, method]) => {
    const request = wellFormed(op);
    return { ...request, label: `${method} on ${op.operationId}'s path`, operationId: undefined, method, ...(method === 'GET' ? { body: undefined } : {}), expected: notFound };
  });

/** Paths the API does not have; a path that happens to reach an operation is judged as that operation. */
export const unknownRoute: fc.Arbitrary<BadRequest> = fc
  .tuple(
    fc.constantFrom('/v1/organizations/7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b/', '/v2/organizations/7b3f7c4e/', '/v1.2/me/', '/'),
    fc.array(fc.oneof(fc.webSegment().filter((segment) => segment !== '.' && segment !== '..'), fc.constantFrom('voucher-programs', 'codes', 'guests', 'cancel', 'voucher-program-templates')), { minLength: 1, maxLength: 5 }),
  )
  .map(([prefix, segments]) => {
    const path = `${prefix}${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
    const op = routeOf('GET', path);
    return {
      label: `GET ${path}`,
      operationId: op?.operationId,
      method: 'GET',
      path,
      headers: { accept: 'application/json', authorization: `Bearer ${organizationToken}` },
      ...(op ? {} : { expected: notFound }),
    };
  });
