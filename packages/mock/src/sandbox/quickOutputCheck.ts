import { createRequire } from 'node:module';
import type { IHttpResponse } from '@stoplight/prism-http';
import type { IHttpOperation, IHttpOperationResponse } from '@stoplight/types';
import type { ValidateOutput } from './outputValidation.js';

type Either = { _tag: 'Left' | 'Right' };
type Contents = NonNullable<IHttpOperationResponse['contents']>;

// Prism's own parts of its answer check (validator/index.js validateOutput), each called as Prism calls it.
const prismRequire = createRequire(createRequire(import.meta.url).resolve('@stoplight/prism-http'));
const { validateMediaType } = prismRequire('./validator/index.js') as { validateMediaType: (contents: Contents, mediaType: string | undefined) => Either };
const { validateBody, validateHeaders } = prismRequire('./validator/validators/index.js') as {
  validateBody: (body: unknown, contents: Contents, context: number, mediaType: string | undefined, boundary: undefined, bundle: unknown) => Either;
  validateHeaders: (headers: IHttpResponse['headers'], specs: NonNullable<IHttpOperationResponse['headers']>, context: number, bundle: unknown) => Either;
};
const { findOperationResponse } = prismRequire('./validator/utils/spec.js') as { findOperationResponse: (responses: IHttpOperationResponse[], status: number) => { _tag: 'None' } | { _tag: 'Some'; value: IHttpOperationResponse } };
const { ValidationContext } = prismRequire('./validator/validators/types.js') as { ValidationContext: { Output: number } };
type SchemaCheck = (value: unknown, schema: object, coerce: boolean, context: number, prefix: string, bundle: unknown) => { _tag: 'None' | 'Some' };
// Writable: the body check reads it from this object on every call, which is how `schemaOf` sees what it is given.
const schemaChecks = prismRequire('./validator/validators/utils.js') as { validateAgainstSchema: SchemaCheck };
const validateAgainstSchema = schemaChecks.validateAgainstSchema;
const caseless = prismRequire('caseless') as (headers: object) => { get(name: string): string | undefined };

const bundleOf = (resource: IHttpOperation): unknown => (resource as { __bundled__?: unknown }).__bundled__;

// A bound on what one operation keeps: an engine answers each status with the same few headers.
const answersPerOperation = 64;

/**
 * Prism's answer check, with what depends only on the operation, status and headers remembered:
 * which declared response the status finds, whether the content type is one it declares, and
 * whether the headers pass. The body is checked on every answer, against the schema Prism's own
 * body check uses, by Prism's own schema check (its compiled validator, its Ajv). Only an answer
 * with no finding at all takes this way; anything else (an unknown status, a bad header, a body
 * that fails) goes to Prism's whole check, so every finding and its wording is Prism's own.
 */
export function withQuickOutputCheck(validate: ValidateOutput): ValidateOutput {
  const known = new WeakMap<IHttpOperation, Map<string, IHttpOperationResponse | undefined>>();
  return (options) => {
    const { resource, element } = options;
    const headers = element.headers ?? {};
    const key = headersKey(element.statusCode, headers);
    if (key === undefined) return validate(options);
    let answers = known.get(resource);
    if (!answers) known.set(resource, (answers = new Map()));
    let response = answers.get(key);
    if (response === undefined && !answers.has(key)) {
      response = passesAllButBody(resource, element);
      if (answers.size >= answersPerOperation) answers.delete(answers.keys().next().value!);
      answers.set(key, response);
    }
    if (!response) return validate(options);
    const mediaType = caseless(headers).get('content-type');
    const schema = schemaOf(response, mediaType, bundleOf(resource));
    const bodyPasses = schema
      ? validateAgainstSchema(element.body, schema, false, ValidationContext.Output, 'body', bundleOf(resource))._tag === 'None'
      : validateBody(element.body, response.contents ?? [], ValidationContext.Output, mediaType, undefined, bundleOf(resource))._tag === 'Right';
    return bodyPasses ? { _tag: 'Right', right: element } : validate(options);
  };
}

const schemas = new WeakMap<IHttpOperationResponse, Map<string | undefined, object | undefined>>();

/**
 * The schema Prism's body check validates a JSON answer against, the very object it compiled
 * (content picked by media type, allOf merged, writeOnly properties dropped), learned by watching
 * one body check: which content and schema apply depends on the response and media type alone.
 * Undefined when that check did not end in one plain schema check (no schema, a form body).
 */
function schemaOf(response: IHttpOperationResponse, mediaType: string | undefined, bundle: unknown): object | undefined {
  let byType = schemas.get(response);
  if (!byType) schemas.set(response, (byType = new Map()));
  if (byType.has(mediaType)) return byType.get(mediaType);
  const seen: Parameters<SchemaCheck>[] = [];
  schemaChecks.validateAgainstSchema = (...args) => (seen.push(args), validateAgainstSchema(...args));
  try {
    validateBody(undefined, response.contents ?? [], ValidationContext.Output, mediaType, undefined, bundle);
  } finally {
    schemaChecks.validateAgainstSchema = validateAgainstSchema;
  }
  const [only] = seen;
  const schema = seen.length === 1 && only![2] === false && only![4] === 'body' && only![5] === bundle ? only![1] : undefined;
  // Bounded by the spec: a response's few media types, and what an engine sets as content type.
  if (byType.size < 16) byType.set(mediaType, schema);
  return schema;
}

/** Status and headers as a key, or undefined when a header is not a plain string (then Prism checks all). */
function headersKey(status: number, headers: NonNullable<IHttpResponse['headers']>): string | undefined {
  for (const name in headers) if (typeof headers[name] !== 'string') return undefined;
  return `${status} ${JSON.stringify(headers)}`;
}

/** The declared response when Prism finds nothing wrong with the status, content type and headers. */
function passesAllButBody(resource: IHttpOperation, element: IHttpResponse): IHttpOperationResponse | undefined {
  const found = findOperationResponse(resource.responses, element.statusCode);
  if (found._tag === 'None') return undefined;
  const response = found.value;
  const headers = element.headers ?? {};
  const contents = response.contents;
  if (contents && contents.length > 0 && validateMediaType(contents, caseless(headers).get('content-type'))._tag === 'Left') return undefined;
  // A copy: Prism's header check reads the values it is given and nothing may change ours.
  if (validateHeaders({ ...headers }, response.headers ?? [], ValidationContext.Output, bundleOf(resource))._tag === 'Left') return undefined;
  return response;
}
