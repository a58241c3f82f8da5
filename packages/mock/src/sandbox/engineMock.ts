import { createRequire } from 'node:module';
import type { IHttpRequest, IHttpResponse } from '@stoplight/prism-http';
import { DiagnosticSeverity, type IHttpOperation } from '@stoplight/types';
import type { EngineAnswer } from './engine.js';

/** A request that passed the spec's validation, as an engine reads it. */
export interface ValidatedRequest<Id extends string = string> {
  operationId: Id;
  path: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  body: any;
  authorization: string | undefined;
}

type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };
interface MockInput {
  resource: IHttpOperation;
  input: { data: IHttpRequest; validations: readonly { severity: DiagnosticSeverity }[] };
  config: unknown;
}
export type MockComponent = (options: MockInput) => (logger: unknown) => Either<Error, IHttpResponse>;

// Prism's own mocker: it answers requests that fail validation, exactly as in mock mode.
const prismMock = (createRequire(import.meta.url)('@stoplight/prism-http/dist/mocker/index.js') as { default: MockComponent }).default;

// Per path template: the name of each `{name}` segment, by position (undefined for a literal one).
const templateNames = new Map<string, (string | undefined)[]>();

/** The values of a path's `{name}` segments, read against the operation's path template. */
export function pathParameters(template: string, path: string): Record<string, string> {
  let names = templateNames.get(template);
  if (!names) templateNames.set(template, (names = template.split('/').map((segment) => /^\{(.+)\}$/.exec(segment)?.[1])));
  const values = path.split('/');
  const parameters: Record<string, string> = {};
  for (let index = 0; index < names.length; index++) {
    const name = names[index];
    if (name !== undefined && values[index] !== undefined) parameters[name] = decodeURIComponent(values[index]!);
  }
  return parameters;
}

const acceptsJson = /^\s*(?:application\/json|application\/\*|\*\/\*)\s*(?:;\s*charset=[\w-]+\s*)?$/i;

function header(headers: IHttpRequest['headers'], name: string): string | undefined {
  const value = headers?.[name] ?? Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Prism's `mock` component with the sandbox's engine in it: Prism has routed the request and
 * checked its security and input by the time this runs; an invalid request goes to Prism's own
 * mocker, a valid one to the engine. Prism then validates whatever is answered against the spec.
 */
export function createEngineMock<Id extends string>(handles: (operationId: string | undefined) => operationId is Id, run: (request: ValidatedRequest<Id>) => EngineAnswer): MockComponent {
  return (options) => {
    const { resource, input } = options;
    if (input.validations.some((violation) => violation.severity === DiagnosticSeverity.Error) || !handles(resource.iid)) {
      return prismMock(options);
    }
    return (logger) => {
      // An Accept that may rule out JSON is judged by Prism's own negotiation, so it is refused
      // exactly as in mock mode; the answer Prism would make is discarded when it can be met.
      const accept = header(input.data.headers, 'accept');
      if (accept !== undefined && !acceptsJson.test(accept)) {
        const negotiated = prismMock(options)(logger);
        if (negotiated._tag === 'Left') return negotiated;
      }
      try {
        const answer = run({
          operationId: resource.iid as Id,
          path: pathParameters(resource.path, input.data.url.path),
          query: input.data.url.query ?? {},
          body: input.data.body,
          authorization: header(input.data.headers, 'authorization'),
        });
        const headers: Record<string, string> = { ...answer.headers };
        if (answer.body !== undefined) headers['Content-Type'] = 'application/json';
        return { _tag: 'Right', right: { statusCode: answer.status, headers, body: answer.body } };
      } catch (error) {
        return { _tag: 'Left', left: error as Error };
      }
    };
  };
}
