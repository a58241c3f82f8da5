import type { BundledSpec } from '../generate/artifact.ts';

export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof httpMethods)[number];

/** One operation of the bundled spec, with the parts every code sample needs already resolved. */
export interface SpecOperation {
  operationId: string;
  method: HttpMethod;
  path: string;
  tag: string;
  /** The operation object itself, as in the bundle (x-codeSamples are added to it). */
  operation: Record<string, any>;
  parameters: SpecParameter[];
}

export interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  example: unknown;
  schema: Record<string, any>;
}

/** Follows local `$ref`s (`#/components/...`), the only kind a Redocly bundle contains. */
export function resolveRef<T = Record<string, any>>(spec: BundledSpec, node: any): T {
  let current = node;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const ref: string = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`only local $refs are expected in the bundle, got ${ref}`);
    if (seen.has(ref)) throw new Error(`$ref cycle at ${ref}`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<any>((value, key) => value?.[key], spec);
    if (current === undefined) throw new Error(`$ref ${ref} points at nothing`);
  }
  return current as T;
}

/** Every operation under `paths`, in document order; webhooks are not operations a client calls. */
export function listOperations(spec: BundledSpec): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries<Record<string, any>>(spec.paths ?? {})) {
    const pathItem = resolveRef(spec, rawItem);
    for (const method of httpMethods) {
      const operation = pathItem[method];
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (typeof operation.operationId !== 'string') throw new Error(`${where} has no operationId`);
      const tag = operation.tags?.[0];
      if (typeof tag !== 'string') throw new Error(`${where} (${operation.operationId}) has no tag`);
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((raw) =>
        toParameter(spec, raw),
      );
      operations.push({ operationId: operation.operationId, method, path, tag, operation, parameters });
    }
  }
  return operations;
}

function toParameter(spec: BundledSpec, raw: unknown): SpecParameter {
  const parameter = resolveRef(spec, raw);
  const schema = resolveRef(spec, parameter.schema ?? {});
  const example = parameter.example ?? firstExampleValue(spec, parameter.examples) ?? schema.example ?? schema.examples?.[0];
  return { name: parameter.name, in: parameter.in, required: parameter.required === true, example, schema };
}

function firstExampleValue(spec: BundledSpec, examples: Record<string, unknown> | undefined): unknown {
  const first = examples && Object.values(examples)[0];
  return first === undefined ? undefined : resolveRef<{ value?: unknown }>(spec, first).value;
}

/** The JSON body a sample sends: the first named example, else the media type's or the schema's example. */
export function requestBodyExample(spec: BundledSpec, op: SpecOperation): { value: unknown; required: boolean } | undefined {
  if (!op.operation.requestBody) return undefined;
  const requestBody = resolveRef(spec, op.operation.requestBody);
  const media = requestBody.content?.['application/json'];
  if (!media) throw new Error(`${op.operationId}: only application/json request bodies are supported by the code samples`);
  const schema = resolveRef(spec, media.schema ?? {});
  const value = firstExampleValue(spec, media.examples) ?? media.example ?? schema.example ?? schema.examples?.[0];
  if (value === undefined) {
    throw new Error(`${op.operationId}: the request body has no example to build code samples from; add one to the spec`);
  }
  return { value, required: requestBody.required === true };
}

/** The OAuth scopes an operation accepts (its own `security`, else the document's). */
export function acceptedScopes(spec: BundledSpec, op: SpecOperation): string[] {
  const security: Array<Record<string, string[]>> = op.operation.security ?? spec.security ?? [];
  return security.flatMap((requirement) => Object.values(requirement).flat());
}
