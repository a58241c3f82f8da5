import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const bundlePath = `${repoRoot}generated/openapi.json`;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** A fresh copy of the bundle each call, so a test may mutate what it gets. */
export function loadBundle(): JsonObject {
  return JSON.parse(readFileSync(bundlePath, 'utf8')) as JsonObject;
}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Follows a local `$ref` (`#/components/...`) to its target, once or through a chain. */
export function deref(doc: JsonObject, value: Json | undefined): Json | undefined {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`$ref chain too long at ${current.$ref}`);
    current = resolvePointer(doc, current.$ref);
  }
  return current;
}

export function resolvePointer(doc: JsonObject, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are expected in the bundle, got ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<Json | undefined>((node, key) => (isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined), doc);
}

export function toPointer(path: (string | number)[]): string {
  return `#/${path.map((segment) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

export interface OperationEntry {
  /** `paths` or `webhooks` */
  section: 'paths' | 'webhooks';
  /** The path template, or the webhook's event name. */
  key: string;
  method: string;
  operation: JsonObject;
}

/** Every operation of the bundle, API calls and webhooks alike. */
export function listOperations(doc: JsonObject): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const section of ['paths', 'webhooks'] as const) {
    const items = doc[section];
    if (!isObject(items)) continue;
    for (const [key, item] of Object.entries(items)) {
      const pathItem = deref(doc, item);
      if (!isObject(pathItem)) continue;
      for (const method of httpMethods) {
        const operation = pathItem[method];
        if (isObject(operation)) entries.push({ section, key, method, operation });
      }
    }
  }
  return entries;
}
