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
const caseless = prismRequire('caseless') as (headers: object) => { get(name: string): string | undefined };

const bundleOf = (resource: IHttpOperation): unknown => (resource as { __bundled__?: unknown }).__bundled__;

// A bound on what one operation keeps: an engine answers each status with the same few headers.
const answersPerOperation = 64;

/**
 * Prism's answer check, with what depends only on the operation, status and headers remembered:
 * which declared response the status finds, whether the content type is one it declares, and
 * whether the headers pass. The body is checked on every answer, by Prism's own body check (its
 * compiled schema, its Ajv). Only an answer with no finding at all takes this way; anything else
 * (an unknown status, a bad header, a body that fails) goes to Prism's whole check, so every
 * finding and its wording is Prism's own.
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
    const body = validateBody(element.body, response.contents ?? [], ValidationContext.Output, mediaType, undefined, bundleOf(resource));
    return body._tag === 'Right' ? { _tag: 'Right', right: element } : validate(options);
  };
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
