import { createRequire } from 'node:module';
import type { IHttpRequest } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { createRouteIndex, type RouteCandidates } from './routeIndex.js';

type Route = (opts: { resources: IHttpOperation[]; input: IHttpRequest }) => { _tag: 'Left'; left: Error } | { _tag: 'Right'; right: IHttpOperation };

// Prism's router is not re-exported from its index; reusing it keeps our routing identical to Prism's.
const route = (createRequire(import.meta.url)('@stoplight/prism-http/dist/router/index.js') as { default: Route }).default;

/**
 * Prism's router for a request the layer has routed already: the handler runs Prism's own router
 * (findOperation) first and hands over only the operation it chose, which Prism would choose again.
 */
export const routeChosen: Route = (options) => (options.resources.length === 1 ? { _tag: 'Right', right: options.resources[0]! } : route(options));

const routeIndexes = new WeakMap<readonly IHttpOperation[], RouteCandidates>();

/** From now on, requests against these operations are pre-filtered before Prism's router chooses. */
export function indexRoutes(operations: readonly IHttpOperation[]): void {
  routeIndexes.set(operations, createRouteIndex(operations));
  rememberedRoutes.set(operations, new Map());
}

// Prism's router reads only the method and path (no server URLs are given): a route found once is found again.
const maxRememberedRoutes = 1024;
const rememberedRoutes = new WeakMap<readonly IHttpOperation[], Map<string, IHttpOperation>>();

/** The operation Prism would serve this request with, or undefined for an unknown path or method. */
export function findOperation(operations: IHttpOperation[], input: IHttpRequest): IHttpOperation | undefined {
  const candidates = routeIndexes.get(operations);
  const remembered = candidates && input.url.baseUrl === undefined ? rememberedRoutes.get(operations) : undefined;
  const key = `${input.method} ${input.url.path}`;
  const known = remembered?.get(key);
  if (known) return known;
  const resources = candidates ? candidates(input.method, input.url.path) : operations;
  // No candidate: Prism's router would find no match either.
  if (resources.length === 0) return undefined;
  const routed = route({ resources, input });
  if (routed._tag !== 'Right') return undefined;
  if (remembered) {
    if (remembered.size >= maxRememberedRoutes) remembered.delete(remembered.keys().next().value!);
    remembered.set(key, routed.right);
  }
  return routed.right;
}

/** The methods declared for a path, for the message of a wrong-method answer. */
export function methodsForPath(operations: IHttpOperation[], input: IHttpRequest): string[] {
  return ['get', 'put', 'post', 'patch', 'delete']
    .filter((method) => method !== input.method && findOperation(operations, { ...input, method: method as IHttpRequest['method'] }))
    .map((method) => method.toUpperCase());
}
