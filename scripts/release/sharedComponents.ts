/**
 * Redocly reports a change to a shared component once, at the first operation that reaches it.
 * These find every other request (or every other answer) that reaches the same component.
 */
import { escapeSegment, httpMethods, isObject, valueAt, walkPointer, type Doc } from './jsonPointer.ts';

/** The last component a pointer passes through by $ref (`#/components/schemas/X`), or undefined. */
export function componentBehind(doc: Doc, pointer: string): string | undefined {
  const { lastRef } = walkPointer(doc, pointer);
  return lastRef?.startsWith('#/components/') ? lastRef : undefined;
}

/** Every $ref target reachable from a node, through the targets' own $refs. */
function refsReached(doc: Doc, start: unknown): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  // Bounded by the document: each target is expanded once.
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...(node as unknown[]));
    else if (isObject(node)) {
      if (typeof node.$ref === 'string' && !seen.has(node.$ref)) {
        seen.add(node.$ref);
        stack.push(valueAt(doc, node.$ref));
      }
      stack.push(...Object.values(node));
    }
  }
  return seen;
}

/** `#/paths/{p}/{m}/requestBody`, `…/responses/{code}` or `…/parameters`: the part of an operation a pointer is in. */
export function operationPart(pointer: string): string | undefined {
  const segments = pointer.replace(/^#\//, '').split('/');
  if (!['paths', 'webhooks'].includes(segments[0] ?? '') || !httpMethods.has(segments[2] ?? '')) return undefined;
  if (segments[3] === 'responses') return segments.length > 4 ? `#/${segments.slice(0, 5).join('/')}` : undefined;
  return ['requestBody', 'parameters'].includes(segments[3] ?? '') ? `#/${segments.slice(0, 4).join('/')}` : undefined;
}

const kindOf = (part: string) => (part.includes('/responses/') ? 'responses' : part.endsWith('/parameters') ? 'parameters' : 'requestBody');

/** The parts of the same kind (request bodies, answers, parameters) in every operation and webhook that reach `component`. */
export function partsReaching(doc: Doc, component: string, kind: ReturnType<typeof kindOf>): string[] {
  const parts: string[] = [];
  for (const root of ['paths', 'webhooks'] as const) {
    for (const [name, item] of Object.entries(isObject(doc[root]) ? doc[root] : {})) {
      if (!isObject(item)) continue;
      for (const [method, operation] of Object.entries(item)) {
        if (!httpMethods.has(method) || !isObject(operation)) continue;
        const base = `#/${root}/${escapeSegment(name)}/${method}`;
        const candidates: [string, unknown][] =
          kind === 'responses' ? Object.entries(isObject(operation.responses) ? operation.responses : {}).map(([code, r]) => [`${base}/responses/${escapeSegment(code)}`, r])
          : kind === 'parameters' ? [[`${base}/parameters`, [operation.parameters, item.parameters]]]
          : [[`${base}/requestBody`, operation.requestBody]];
        for (const [pointer, node] of candidates) {
          const reached = refsReached(doc, node);
          if ([...reached].some((ref) => ref === component || component.startsWith(`${ref}/`))) parts.push(pointer);
        }
      }
    }
  }
  return parts;
}

/** Where else a change reported at `pointer` applies: the same kind of part of every operation sharing its component. */
export function sharedLocations(doc: Doc, pointer: string): string[] {
  const part = operationPart(pointer);
  const component = componentBehind(doc, pointer);
  if (!part || !component) return [];
  return partsReaching(doc, component, kindOf(part));
}
