/** JSON pointers as `redocly diff` writes them (`#/paths/~1v1~1…/post/…`), read through $refs like a caller sees the document. */
export type Doc = Record<string, unknown>;

export const httpMethods = new Set(['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace']);

export const isObject = (value: unknown): value is Doc => !!value && typeof value === 'object';

export function unescapePointer(segment: string): string {
  return decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~');
}

export const escapeSegment = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

export const pointerSegments = (pointer: string) => pointer.replace(/^#\/?/, '').split('/').filter(Boolean).map(unescapePointer);

/** The value at a pointer, not following $refs. */
export function valueAt(doc: Doc, pointer: string): unknown {
  let node: unknown = doc;
  for (const segment of pointerSegments(pointer)) node = isObject(node) ? node[segment] : undefined;
  return node;
}

/**
 * Walks a pointer through every $ref on the way; returns the value and the last $ref followed.
 * Bounded hops: a bundle's $ref chains are short, and a loop must not hang the release check.
 */
export function walkPointer(doc: Doc, pointer: string): { value: unknown; lastRef: string | undefined } {
  let node: unknown = doc;
  let lastRef: string | undefined;
  const follow = () => {
    for (let hops = 0; hops < 32 && isObject(node) && typeof node.$ref === 'string'; hops++) {
      lastRef = node.$ref;
      node = valueAt(doc, node.$ref);
    }
  };
  for (const segment of pointerSegments(pointer)) {
    follow();
    node = isObject(node) ? node[segment] : undefined;
  }
  follow();
  return { value: node, lastRef };
}
