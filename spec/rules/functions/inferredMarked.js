/**
 * A description that calls its fact inferred must carry `x-evidence: inferred` on the same node, so
 * tools and readers can find every guess without reading prose. The introduction and tag pages
 * explain the marker itself, so `info` and `tags` are left out.
 */
const EXPLAINS_THE_MARKER = new Set(['info', 'tags']);
const INFERRED = /\binferred\b/i;

export default function inferredMarked(node, _options, context) {
  if (node === null || typeof node !== 'object' || typeof node.description !== 'string') return [];
  if (EXPLAINS_THE_MARKER.has(String(context.path[0]))) return [];
  if (!INFERRED.test(node.description) || node['x-evidence'] === 'inferred') return [];
  return [{ message: 'The description says "inferred": add `x-evidence: inferred` beside it.', path: [...context.path, 'description'] }];
}
