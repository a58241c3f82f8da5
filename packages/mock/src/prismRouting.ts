import { createRequire } from 'node:module';
import type { IHttpRequest } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';

type Route = (opts: { resources: IHttpOperation[]; input: IHttpRequest }) => { _tag: 'Left'; left: Error } | { _tag: 'Right'; right: IHttpOperation };

// Prism's router is not re-exported from its index; reusing it keeps our routing identical to Prism's.
const route = (createRequire(import.meta.url)('@stoplight/prism-http/dist/router/index.js') as { default: Route }).default;

/** The operation Prism would serve this request with, or undefined for an unknown path or method. */
export function findOperation(operations: IHttpOperation[], input: IHttpRequest): IHttpOperation | undefined {
  const routed = route({ resources: operations, input });
  return routed._tag === 'Right' ? routed.right : undefined;
}

/** The methods declared for a path, for the message of a wrong-method answer. */
export function methodsForPath(operations: IHttpOperation[], input: IHttpRequest): string[] {
  return ['get', 'put', 'post', 'patch', 'delete']
    .filter((method) => method !== input.method && findOperation(operations, { ...input, method: method as IHttpRequest['method'] }))
    .map((method) => method.toUpperCase());
}
