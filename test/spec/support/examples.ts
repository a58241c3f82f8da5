import { deref, isObject, toPointer, type Json, type JsonObject } from './bundle.ts';

/** One example found in the bundle, and the schema (as a JSON pointer into the bundle) it must satisfy. */
export interface FoundExample {
  /** Where the example sits, e.g. `#/paths/~1v1~1.../post/requestBody/content/application~1json/examples/multi_code`. */
  where: string;
  kind: 'media type' | 'parameter' | 'header' | 'schema';
  schemaPointer: string;
  value: Json;
}

/** Keywords whose values are subschemas, or maps or lists of them; everything else in a schema is data. */
const SUBSCHEMA = new Set(['items', 'not', 'if', 'then', 'else', 'contains', 'additionalProperties', 'unevaluatedProperties', 'unevaluatedItems', 'propertyNames']);
const SUBSCHEMA_MAP = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs']);
const SUBSCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/**
 * Walks the whole bundle and returns every example: `example` and `examples` (named, `$ref`s to
 * components/examples followed) of media types, parameters and headers, and `example` /
 * `examples` of schemas at any depth, with the schema each must satisfy.
 */
export function collectExamples(doc: JsonObject): FoundExample[] {
  const found: FoundExample[] = [];

  const walkSchema = (schema: Json | undefined, path: (string | number)[]): void => {
    if (!isObject(schema)) return;
    const pointer = toPointer(path);
    if ('example' in schema) found.push({ where: toPointer([...path, 'example']), kind: 'schema', schemaPointer: pointer, value: schema.example! });
    if (Array.isArray(schema.examples)) {
      schema.examples.forEach((value, i) => found.push({ where: toPointer([...path, 'examples', i]), kind: 'schema', schemaPointer: pointer, value }));
    }
    for (const [key, child] of Object.entries(schema)) {
      if (SUBSCHEMA.has(key)) walkSchema(child, [...path, key]);
      else if (SUBSCHEMA_MAP.has(key) && isObject(child)) for (const [name, sub] of Object.entries(child)) walkSchema(sub, [...path, key, name]);
      else if (SUBSCHEMA_LIST.has(key) && Array.isArray(child)) child.forEach((sub, i) => walkSchema(sub, [...path, key, i]));
    }
  };

  /** A media type, parameter or header object: `schema` plus `example` or named `examples`. */
  const collectFrom = (holder: JsonObject, path: (string | number)[], kind: FoundExample['kind']): void => {
    if (!isObject(holder.schema)) return;
    const schemaPointer = toPointer([...path, 'schema']);
    if ('example' in holder) found.push({ where: toPointer([...path, 'example']), kind, schemaPointer, value: holder.example! });
    if (isObject(holder.examples)) {
      for (const [name, entry] of Object.entries(holder.examples)) {
        const example = deref(doc, entry);
        if (isObject(example) && 'value' in example) {
          found.push({ where: toPointer([...path, 'examples', name]), kind, schemaPointer, value: example.value! });
        }
      }
    }
  };

  /** Visits the document outside schemas, recognising holders by where they sit. */
  const walk = (node: Json | undefined, path: (string | number)[]): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, [...path, i]));
    if (!isObject(node)) return;
    const parent = path[path.length - 2];
    if (parent === 'content') collectFrom(node, path, 'media type');
    else if (parent === 'headers') collectFrom(node, path, 'header');
    else if (parent === 'parameters' && typeof node.in === 'string') collectFrom(node, path, 'parameter');
    for (const [key, child] of Object.entries(node)) {
      if (key === 'schema') walkSchema(child, [...path, key]);
      else if (key === 'schemas' && path.length === 1 && path[0] === 'components' && isObject(child)) {
        for (const [name, schema] of Object.entries(child)) walkSchema(schema, [...path, key, name]);
      } else if (key !== 'example' && key !== 'examples') walk(child, [...path, key]);
    }
  };

  walk(doc, []);
  return found;
}
