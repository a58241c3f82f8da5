import type { IHttpOperation } from '@stoplight/types';

/** Which operations could match a request: same method, same number of segments, same literal segments. */
export type RouteCandidates = (method: string, path: string) => IHttpOperation[];

interface IndexedOperation {
  operation: IHttpOperation;
  /** The path's segments as Prism compares them (decoded); undefined where the segment is templated. */
  literals: (string | undefined)[];
}

// Prism's own rules (router/matchPath): segments are decoded when they can be, and a segment with
// `{…}` in it is templated. Keeping them means the pre-filter never drops what Prism would match.
const decodeSegment = (segment: string): string => {
  try {
    return segment && decodeURIComponent(segment);
  } catch {
    return segment;
  }
};
const isTemplated = (segment: string): boolean => /{(.+)}/.test(segment);

/**
 * Groups the operations once so that Prism's router, which scores and sorts every operation on
 * every request, only ever sees the one or two that can match. It still makes the choice.
 */
export function createRouteIndex(operations: readonly IHttpOperation[]): RouteCandidates {
  const groups = new Map<string, IndexedOperation[]>();
  for (const operation of operations) {
    const segments = operation.path.split('/').slice(1).map(decodeSegment);
    const key = `${operation.method.toLowerCase()} ${segments.length}`;
    const literals = segments.map((segment) => (isTemplated(segment) ? undefined : segment));
    groups.set(key, [...(groups.get(key) ?? []), { operation, literals }]);
  }
  return (method, path) => {
    const segments = path.split('/').slice(1);
    const group = groups.get(`${method.toLowerCase()} ${segments.length}`);
    if (!group) return [];
    const decoded = segments.map(decodeSegment);
    // Kept in spec order: Prism's stable sort then orders the survivors as it would have among all.
    return group
      .filter(({ literals }) => literals.every((literal, i) => literal === undefined || literal === decoded[i]))
      .map(({ operation }) => operation);
  };
}
