import fc from 'fast-check';
import { resolveRef, type SpecOperation, type SpecParameter } from '../../../scripts/docs/spec-walk.ts';
import { bundle, specOperations } from './bundle.ts';
import { organizationToken, riderToken } from './contract-client.ts';
import { invalidBodies } from './invalid-bodies.ts';
import { brokenKeywords, pointerSegment, schemaValidator } from './schema-validator.ts';
import { operationUrl, requestBodyProblems, requestSchemaPointer, validRequest } from './valid-request.ts';

type Schema = Record<string, any>;
type JsonPath = Array<string | number>;

/** One request and the independent verdict on it: what Ajv 2020 says of its body and parameters. */
export interface OracleRequest {
  operationId: string;
  /** What was changed from the spec's valid request, for the failure message. */
  label: string;
  method: string;
  /** Path and query, encoded as they go on the wire. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Ajv's findings; empty means the spec accepts the request. */
  problems: string[];
  /** The schema keywords the body breaks (allOf, if, not, anyOf, dependentRequired, type…). */
  brokenKeywords: Set<string>;
}

/** Every example body the spec gives an operation: the named request examples and the schema's own. */
export function exampleBodies(op: SpecOperation): unknown[] {
  const media = resolveRef(bundle, op.operation.requestBody)?.content?.['application/json'];
  if (!media) return [];
  const named = Object.values<Schema>(media.examples ?? {}).map((example) => resolveRef(bundle, example).value);
  return [validRequest(op).body, ...named].filter((body) => body !== undefined);
}

/** Values seen anywhere in the spec under each property name: examples, enums, consts, defaults. */
function harvestValues(): Map<string, unknown[]> {
  const pool = new Map<string, unknown[]>();
  const add = (name: string, value: unknown) => {
    if (value === undefined) return;
    const values = pool.get(name) ?? [];
    if (!values.some((seen) => JSON.stringify(seen) === JSON.stringify(value))) values.push(value);
    pool.set(name, values);
  };
  const walkValue = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walkValue);
    else if (value && typeof value === 'object') {
      for (const [name, child] of Object.entries(value)) {
        add(name, child);
        walkValue(child);
      }
    }
  };
  const walkSchema = (node: unknown, seen: Set<unknown>) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const schema = node as Schema;
    for (const [name, property] of Object.entries<Schema>(schema.properties ?? {})) {
      const resolved = resolveRef(bundle, property);
      for (const value of [resolved.example, property.example, resolved.const, resolved.default, ...(resolved.enum ?? []), ...(resolved.examples ?? [])]) add(name, value);
    }
    for (const child of Object.values(schema)) walkSchema(child, seen);
  };
  walkSchema(bundle.components, new Set());
  for (const op of specOperations) exampleBodies(op).forEach(walkValue);
  return pool;
}

const valuePool = harvestValues();

/** Calls `visit` once on every schema under `node`, following $refs, arrays and subschemas. */
function eachSchema(node: unknown, visit: (schema: Schema) => void, seen = new Set<unknown>()): void {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) return node.forEach((item) => eachSchema(item, visit, seen));
  const schema = resolveRef<Schema>(bundle, node);
  visit(schema);
  for (const child of Object.values(schema)) eachSchema(child, visit, seen);
}

/** Property names a schema rule names directly: its properties, required list and dependentRequired. */
function namesIn(schema: Schema, names: Set<string>): void {
  for (const name of Object.keys(schema.properties ?? {})) names.add(name);
  for (const name of schema.required ?? []) names.add(name);
  for (const [name, needed] of Object.entries<string[]>(schema.dependentRequired ?? {})) [name, ...needed].forEach((n) => names.add(n));
}

/** Property names the body's schema mentions anywhere (through $refs, allOf, if/then, not, anyOf, dependentRequired). */
function propertyNamesOf(node: unknown): Set<string> {
  const names = new Set<string>();
  eachSchema(node, (schema) => namesIn(schema, names));
  return names;
}

const conditionalKeywords = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas'];

/** Property names the schema's conditional rules (allOf, anyOf, not, if/then, dependentRequired) speak of. */
function conditionalNamesOf(node: unknown): Set<string> {
  const names = new Set<string>();
  eachSchema(node, (schema) => {
    for (const keyword of conditionalKeywords) if (schema[keyword] !== undefined) for (const name of propertyNamesOf(schema[keyword])) names.add(name);
    for (const [name, needed] of Object.entries<string[]>(schema.dependentRequired ?? {})) [name, ...needed].forEach((n) => names.add(n));
  });
  return names;
}

/** Every object inside a body, as the path to it. */
function objectPaths(value: unknown, path: JsonPath = []): JsonPath[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => objectPaths(item, [...path, index]));
  if (!value || typeof value !== 'object') return [];
  return [path, ...Object.entries(value).flatMap(([name, child]) => objectPaths(child, [...path, name]))];
}

function at(body: unknown, path: JsonPath): Record<string, unknown> {
  return path.reduce<any>((node, key) => node[key], body);
}

/**
 * A mutation of a valid body that may or may not break it: drop a property, add or replace one with
 * a value the spec uses for that name elsewhere. The validator, not the generator, decides.
 */
function mutations(op: SpecOperation): fc.Arbitrary<{ label: string; body: unknown }> {
  const bases = exampleBodies(op);
  const media = resolveRef(bundle, op.operation.requestBody).content['application/json'];
  const allNames = [...propertyNamesOf(media.schema)].filter((name) => valuePool.has(name));
  const conditional = conditionalNamesOf(media.schema);
  const conditionalNames = allNames.filter((name) => conditional.has(name));
  const change = (body: unknown): fc.Arbitrary<{ label: string; body: unknown }> => {
    const paths = objectPaths(body);
    if (paths.length === 0) return fc.constant({ label: 'unchanged', body });
    // Half the changes touch a property a conditional rule names, so those rules are reached often.
    return fc.tuple(fc.constantFrom(...paths), fc.nat(), fc.constantFrom('drop', 'set', 'set'), fc.boolean()).chain(([path, pick, kind, aimed]) => {
      const target = at(body, path);
      const names = aimed && conditionalNames.length > 0 ? conditionalNames : allNames;
      const aimedPresent = Object.keys(target).filter((name) => conditional.has(name));
      const present = aimed && aimedPresent.length > 0 ? aimedPresent : Object.keys(target);
      if (kind === 'drop' && present.length > 0) {
        const name = present[pick % present.length]!;
        const copy = structuredClone(body);
        delete at(copy, path)[name];
        return fc.constant({ label: `drop /${[...path, name].join('/')}`, body: copy });
      }
      if (names.length === 0) return fc.constant({ label: 'unchanged', body });
      const name = names[pick % names.length]!;
      return fc.constantFrom(...valuePool.get(name)!).map((value) => {
        const copy = structuredClone(body);
        at(copy, path)[name] = structuredClone(value);
        return { label: `set /${[...path, name].join('/')} = ${JSON.stringify(value).slice(0, 60)}`, body: copy };
      });
    });
  };
  const once = fc.constantFrom(...bases).chain(change);
  // Up to three changes in a row, so two rules can be broken (or repaired) together.
  return fc.integer({ min: 1, max: 3 }).chain((count) => {
    let arbitrary = once;
    for (let step = 1; step < count; step++) arbitrary = arbitrary.chain((first) => change(first.body).map((next) => ({ label: `${first.label}; ${next.label}`, body: next.body })));
    return arbitrary;
  });
}

/**
 * A parameter's wire text as the API would read it (OpenAPI's simple style for one scalar): JSON
 * number grammar for numbers, exactly `true`/`false` for booleans; anything else stays a string,
 * so the schema's type refuses it.
 */
export function decodeParameter(schema: Schema, text: string): unknown {
  const types = [schema.type].flat();
  if ((types.includes('integer') || types.includes('number')) && /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function parameterPointer(op: SpecOperation, parameter: SpecParameter): string {
  const index = (op.operation.parameters as Schema[]).findIndex((candidate) => resolveRef(bundle, candidate).name === parameter.name && resolveRef(bundle, candidate).in === parameter.in);
  const raw = (op.operation.parameters as Schema[])[index]!;
  return raw.$ref ? `${raw.$ref}/schema` : `#/paths/${pointerSegment(op.path)}/${op.method}/parameters/${index}/schema`;
}

function parameterProblems(op: SpecOperation, parameter: SpecParameter, text: string): string[] {
  return schemaValidator(parameterPointer(op, parameter))(decodeParameter(parameter.schema, text)).map((problem) => `${parameter.in} ${parameter.name}${problem.replace(/^\//, ' ')}`);
}

// Texts that sit on the edges of the parameter types: empty, spaced, cased, signed, fractional, exponent.
const edgeTexts = ['', ' ', 'true', 'false', 'TRUE', 'True', ' true', 'yes', '1', '0', '-1', '2', '100', ' 5', '5 ', '+5', '01', '1.0', '1.5', '1e2', '-0', '2147483648', 'abc', 'null', '[]', '%', 'é'];
const idText = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/),
  fc.constantFrom('a'.repeat(64), 'a'.repeat(65), 'é'.repeat(64), 'é'.repeat(65), 'x', '7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b'),
);

function parameterText(parameter: SpecParameter): fc.Arbitrary<string> {
  if (parameter.in === 'path') return idText;
  if (parameter.in === 'header') return fc.oneof(fc.constantFrom('en_US', 'fr_FR', 'de', '*', 'en-US,en;q=0.9', ''), fc.stringMatching(/^[A-Za-z_-]{0,20}$/));
  return fc.oneof(fc.constantFrom(...edgeTexts), fc.integer({ min: -5, max: 500 }).map(String), fc.stringMatching(/^[A-Za-z0-9]{1,12}$/));
}

interface Parts {
  pathParams: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  labels: string[];
}

function assemble(op: SpecOperation, parts: Parts): OracleRequest {
  const problems: string[] = [];
  for (const parameter of op.parameters) {
    const text = parameter.in === 'path' ? parts.pathParams[parameter.name] : parameter.in === 'query' ? parts.query[parameter.name] : parts.headers[parameter.name];
    if (text !== undefined) problems.push(...parameterProblems(op, parameter, text));
    else if (parameter.required) problems.push(`${parameter.in} ${parameter.name} is missing`);
  }
  if (op.operation.requestBody) problems.push(...requestBodyProblems(op, parts.body).map((problem) => `body ${problem}`));
  const request = validRequest(op);
  // The query is written by hand so an empty value goes out as `name=` rather than being dropped.
  const query = Object.entries(parts.query).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  return {
    operationId: op.operationId,
    label: parts.labels.join('; ') || 'the valid request',
    method: op.method.toUpperCase(),
    path: `${operationUrl('', op, parts.pathParams)}${query ? `?${query}` : ''}`,
    headers: {
      ...parts.headers,
      accept: 'application/json',
      authorization: `Bearer ${request.usesRiderToken ? riderToken : organizationToken}`,
      ...(parts.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(parts.body !== undefined ? { body: JSON.stringify(parts.body) } : {}),
    problems,
    brokenKeywords: op.operation.requestBody ? brokenKeywords(requestSchemaPointer(op), parts.body) : new Set(),
  };
}

function baseParts(op: SpecOperation): Parts {
  const request = validRequest(op);
  return {
    pathParams: { ...request.pathParams },
    query: Object.fromEntries(Object.entries(request.query).map(([name, value]) => [name, String(value)])),
    headers: { ...request.headers },
    body: request.body,
    labels: [],
  };
}

/** The spec's valid request with one parameter set to an edge text (or left out, when optional). */
function parameterCase(op: SpecOperation): fc.Arbitrary<OracleRequest> | undefined {
  if (op.parameters.length === 0) return undefined;
  return fc.constantFrom(...op.parameters).chain((parameter) =>
    (parameter.required ? parameterText(parameter) : fc.option(parameterText(parameter), { nil: undefined, freq: 5 })).map((text) => {
      const parts = baseParts(op);
      const carrier = parameter.in === 'path' ? parts.pathParams : parameter.in === 'query' ? parts.query : parts.headers;
      if (text === undefined) delete carrier[parameter.name];
      else carrier[parameter.name] = text;
      parts.labels.push(`${parameter.in} ${parameter.name}=${text === undefined ? '(absent)' : JSON.stringify(text)}`);
      return assemble(op, parts);
    }),
  );
}

/** A body from the spec's examples, mutated or broken on purpose (invalid-bodies.ts), with the valid parameters. */
function bodyCase(op: SpecOperation): fc.Arbitrary<OracleRequest> | undefined {
  if (!op.operation.requestBody) return undefined;
  const broken = invalidBodies(op).map(({ kind, at: where, body }) => ({ label: `${kind} at ${where}`, body }));
  const examples = fc.constantFrom(...exampleBodies(op)).map((body) => ({ label: 'an example body', body }));
  return fc
    .oneof({ arbitrary: mutations(op), weight: 5 }, { arbitrary: broken, weight: 3 }, { arbitrary: examples, weight: 1 })
    // A JSON null body has its own test (the mock refuses it before Prism sees it) and JSON drops -0's sign.
    .filter(({ body }) => body !== null && body !== undefined)
    .map(({ label, body }) => {
      const parts = baseParts(op);
      parts.body = JSON.parse(JSON.stringify(body));
      parts.labels.push(`body: ${label}`);
      return assemble(op, parts);
    });
}

/** Requests across every operation: bodies, parameters, and both wrong at once. */
export const oracleRequest: fc.Arbitrary<OracleRequest> = fc.oneof(
  ...specOperations.flatMap((op) => {
    const cases = [bodyCase(op), parameterCase(op)].filter((c): c is fc.Arbitrary<OracleRequest> => c !== undefined);
    return cases;
  }),
);

export { specOperations };
