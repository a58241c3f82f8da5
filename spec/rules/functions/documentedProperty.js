/**
 * Every property of a schema has a description and an example (the docs and the mock read both).
 * Subschemas of `if`/`not` only state conditions about properties described elsewhere, so they
 * are skipped. So is a bare `$ref` Spectral left unresolved in the split source (a known multi-file
 * resolver gap): the bundle, where it resolves, is linted with the same rule.
 */
const CONDITION_KEYWORDS = new Set(['if', 'not']);
const EXAMPLE_VALUES = new Set(['example', 'examples', 'value', 'default', 'const', 'enum']);

export default function documentedProperty(property, options, context) {
  if (property === null || typeof property !== 'object') return [];
  const path = context.path;
  const name = String(path[path.length - 1]);
  const parents = path.slice(0, -2).map(String);
  if (parents.some((segment) => CONDITION_KEYWORDS.has(segment) || EXAMPLE_VALUES.has(segment))) return [];
  if (typeof property.$ref === 'string' && Object.keys(property).length === 1) return [];
  if (options.anyOf.some((field) => property[field] !== undefined)) return [];
  return [{ message: `Property "${name}" needs ${options.anyOf.map((f) => `\`${f}\``).join(' or ')}.` }];
}
