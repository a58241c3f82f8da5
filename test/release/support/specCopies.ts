import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A scratch directory for changed copies of a bundle; `remove()` in afterAll. */
export function createScratch(prefix: string): { dir: string; write(name: string, doc: JsonObject): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name, doc) {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(doc));
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function readBundle(path: string): JsonObject {
  return JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
}

function child(value: Json | undefined, key: string): JsonObject {
  if (!value || typeof value !== 'object' || Array.isArray(value) || !(key in value)) throw new Error(`no "${key}" here`);
  return value[key] as JsonObject;
}

/** The operation with this operationId and where it lives. */
export function findOperation(doc: JsonObject, operationId: string): { path: string; method: string; operation: JsonObject } {
  for (const [path, item] of Object.entries(child(doc, 'paths'))) {
    for (const [method, operation] of Object.entries(item as JsonObject)) {
      if ((operation as JsonObject).operationId === operationId) return { path, method, operation: operation as JsonObject };
    }
  }
  throw new Error(`no operation ${operationId} in the bundle`);
}

/** The component schema a JSON body of this operation refers to (request body, or the response with this status). */
export function bodySchema(doc: JsonObject, operationId: string, where: 'request' | string): JsonObject {
  const { operation } = findOperation(doc, operationId);
  const body = where === 'request' ? child(operation, 'requestBody') : child(child(operation, 'responses'), where);
  const ref = child(child(child(body, 'content'), 'application/json'), 'schema').$ref;
  if (typeof ref !== 'string') throw new Error(`${operationId} ${where}: the body schema is not a $ref`);
  const name = ref.replace('#/components/schemas/', '');
  return child(child(child(doc, 'components'), 'schemas'), name);
}
