import { listOperations, resolveRef, type SpecOperation } from '../../../scripts/docs/spec-walk.ts';
import type { BundledSpec } from '../../../scripts/generate/artifact.ts';
import { pointerSegment } from './schema-validator.ts';

/** What the spec says an operation may answer: one status with one of its named examples, or none (`-`). */
export interface ResponseCase {
  operationId: string;
  tag: string;
  status: string;
  /** The example's key (for errors, the error code), or `-` when the response has no named example. */
  example: string;
  /** The example's value, when there is one. */
  exampleValue: unknown;
  /** JSON pointer to the response's JSON schema in the bundle, or undefined for a response without a body (204). */
  schemaPointer: string | undefined;
  /** Response headers the spec marks required. */
  requiredHeaders: string[];
}

export const noExample = '-';

export function responseCaseKey(responseCase: Pick<ResponseCase, 'operationId' | 'status' | 'example'>): string {
  return `${responseCase.operationId} ${responseCase.status} ${responseCase.example}`;
}

/** Every (operation, status, named example) of the bundle's JSON responses, in document order. */
export function enumerateResponseCases(spec: BundledSpec): ResponseCase[] {
  return listOperations(spec).flatMap((op) =>
    Object.entries<Record<string, any>>(op.operation.responses ?? {}).flatMap(([status, declared]) => {
      const response = resolveRef(spec, declared);
      const media = response.content?.['application/json'];
      const responsePointer: string = declared.$ref ?? `${operationPointer(op)}/responses/${pointerSegment(status)}`;
      const schemaPointer = media ? `${responsePointer}/content/application~1json/schema` : undefined;
      const requiredHeaders = Object.entries<Record<string, any>>(response.headers ?? {})
        .filter(([, header]) => resolveRef(spec, header).required === true)
        .map(([name]) => name);
      const base = { operationId: op.operationId, tag: op.tag, status, schemaPointer, requiredHeaders };
      const examples = Object.entries<Record<string, any>>(media?.examples ?? {});
      if (examples.length === 0) return [{ ...base, example: noExample, exampleValue: media?.example }];
      return examples.map(([name, example]) => ({ ...base, example: name, exampleValue: resolveRef<{ value?: unknown }>(spec, example).value }));
    }),
  );
}

function operationPointer(op: SpecOperation): string {
  return `#/paths/${pointerSegment(op.path)}/${op.method}`;
}

const httpMethods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * The number of responses the bundle declares, counted apart from the enumeration on purpose:
 * every method of every path item, every status (`default` too), and the named examples of every
 * media type, so a response the enumeration cannot turn into a test makes the counts differ.
 */
export function countDeclaredResponses(spec: BundledSpec): number {
  let count = 0;
  for (const pathItem of Object.values<Record<string, any>>(spec.paths ?? {})) {
    for (const [method, operation] of Object.entries<Record<string, any>>(resolveRef(spec, pathItem))) {
      if (!httpMethods.has(method)) continue;
      for (const declared of Object.values<Record<string, any>>(operation.responses ?? {})) {
        const content = Object.values<Record<string, any>>(resolveRef(spec, declared).content ?? {});
        const names = new Set(content.flatMap((media) => Object.keys(media.examples ?? {})));
        count += Math.max(1, names.size);
      }
    }
  }
  return count;
}

/**
 * What keeps the contract suite from covering every declared response: cases with no test, tests of
 * cases the spec does not declare, and responses the enumeration cannot see. Empty when complete.
 */
export function responseCoverageProblems(spec: BundledSpec, exercised: Iterable<string>): string[] {
  const declared = enumerateResponseCases(spec);
  const declaredKeys = new Set(declared.map(responseCaseKey));
  const exercisedKeys = new Set(exercised);
  const problems = [
    ...[...declaredKeys].filter((key) => !exercisedKeys.has(key)).map((key) => `no contract test for ${key}`),
    ...[...exercisedKeys].filter((key) => !declaredKeys.has(key)).map((key) => `a contract test for ${key}, which the spec does not declare`),
  ];
  const counted = countDeclaredResponses(spec);
  if (counted !== declared.length) {
    problems.push(`the spec declares ${counted} responses but the enumeration found ${declared.length}: a response is not a JSON status with named examples`);
  }
  return problems;
}
