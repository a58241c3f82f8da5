import fc from 'fast-check';
import { resolveRef, type SpecOperation } from '../../../scripts/docs/spec-walk.ts';
import { bundle } from './bundle.ts';
import { requestBodyProblems, validRequest } from './valid-request.ts';

type JsonPath = Array<string | number>;
type Schema = Record<string, any>;

/** One request body broken in one way, by one keyword of its schema. */
export interface InvalidBody {
  op: SpecOperation;
  /** The keyword broken: wrong-type, missing-required, unknown-property, below-minimum, too-many-items… */
  kind: string;
  /** Where in the body, as a JSON pointer. */
  at: string;
  body: unknown;
}

/** A place in the valid example body and the (resolved) schema that governs it. */
interface Site {
  path: JsonPath;
  schema: Schema;
  /** The example's value there; undefined when the example leaves that property out. */
  value: unknown;
}

/** Walks the schema along the example body: every property and the first item of every array. */
function sitesOf(schemaNode: unknown, value: unknown, path: JsonPath = []): Site[] {
  const schema = resolveRef<Schema>(bundle, schemaNode);
  const sites: Site[] = [{ path, schema, value }];
  if (isPlainObject(value)) {
    for (const [name, child] of Object.entries<unknown>(schema.properties ?? {})) sites.push(...sitesOf(child, value[name], [...path, name]));
  }
  if (Array.isArray(value) && value.length > 0 && schema.items) sites.push(...sitesOf(schema.items, value[0], [...path, 0]));
  return sites;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    default:
      return typeof value === type;
  }
}

const anyJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.integer(), { maxKeys: 2 }),
);

/** The body with `value` at `path` (or the property removed when `remove`), leaving the original alone. */
function withValueAt(body: unknown, path: JsonPath, change: { value: unknown } | { remove: true }): unknown {
  if (path.length === 0) return 'value' in change ? change.value : undefined;
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if ('remove' in change) delete parent[last];
  else parent[last] = change.value;
  return copy;
}

function pointer(path: JsonPath): string {
  return `/${path.map((key) => String(key).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

/** Ways to break one site, each an arbitrary of [kind, changed body]. */
function breakersOf(site: Site, body: unknown): Array<fc.Arbitrary<[string, unknown]>> {
  const { schema, value, path } = site;
  const set = (kind: string, values: fc.Arbitrary<unknown>) => values.map((v): [string, unknown] => [kind, withValueAt(body, path, { value: v })]);
  const breakers: Array<fc.Arbitrary<[string, unknown]>> = [];
  const types: string[] | undefined = schema.type === undefined ? undefined : [schema.type].flat();
  if (types) {
    const allowsNumber = types.includes('number') || types.includes('integer');
    breakers.push(set('wrong-type', anyJsonValue.filter((v) => !types.some((t) => hasType(v, t) || (t === 'number' && Number.isInteger(v))))));
    if (types.includes('integer') && !types.includes('number')) {
      breakers.push(set('not-an-integer', fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((v) => !Number.isInteger(v))));
    }
    if (allowsNumber) {
      if (typeof schema.minimum === 'number') breakers.push(set('below-minimum', fc.integer({ min: -1e9, max: Math.ceil(schema.minimum) - 1 })));
      if (typeof schema.exclusiveMinimum === 'number') breakers.push(set('not-above-exclusive-minimum', fc.integer({ min: -1e9, max: Math.floor(schema.exclusiveMinimum) })));
      if (typeof schema.maximum === 'number') breakers.push(set('above-maximum', fc.integer({ min: Math.floor(schema.maximum) + 1, max: 2 ** 31 - 1 })));
    }
  }
  if (Array.isArray(schema.enum)) breakers.push(set('not-in-enum', fc.string({ maxLength: 24 }).filter((v) => !schema.enum.includes(v))));
  if (schema.const !== undefined) breakers.push(set('not-the-const', fc.string({ maxLength: 24 }).filter((v) => v !== schema.const)));
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern, 'u');
    breakers.push(set('pattern-mismatch', fc.string({ maxLength: 24 }).filter((v) => !pattern.test(v))));
  }
  if (schema.format === 'email') breakers.push(set('not-an-email', fc.string({ maxLength: 24 }).filter((v) => !v.includes('@'))));
  if (typeof schema.maxLength === 'number') breakers.push(set('too-long', fc.string({ minLength: schema.maxLength + 1, maxLength: schema.maxLength + 40 })));
  if (typeof schema.minLength === 'number' && schema.minLength > 0) breakers.push(set('too-short', fc.string({ maxLength: schema.minLength - 1 })));
  if (isPlainObject(value)) {
    const required: string[] = (schema.required ?? []).filter((name: string) => name in value);
    if (required.length > 0) {
      breakers.push(fc.constantFrom(...required).map((name): [string, unknown] => ['missing-required', withValueAt(body, [...path, name], { remove: true })]));
    }
    if (schema.additionalProperties === false || schema.unevaluatedProperties === false || schema.maxProperties === 0) {
      const known = new Set(Object.keys(schema.properties ?? {}));
      breakers.push(
        fc
          .tuple(fc.string({ minLength: 1, maxLength: 16 }).filter((name) => !known.has(name)), anyJsonValue)
          .map(([name, extra]): [string, unknown] => ['unknown-property', withValueAt(body, [...path, name], { value: extra })]),
      );
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && schema.minItems > 0) breakers.push(fc.constant<[string, unknown]>(['too-few-items', withValueAt(body, path, { value: [] })]));
    if (schema.uniqueItems === true && value.length > 0) breakers.push(fc.constant<[string, unknown]>(['duplicate-items', withValueAt(body, path, { value: [value[0], value[0]] })]));
    if (typeof schema.maxItems === 'number') {
      // One more item than allowed, made distinct so only maxItems is broken.
      const item = value[0];
      const items = Array.from({ length: schema.maxItems + 1 }, (_, index) => (typeof item === 'string' ? `${item.slice(0, 50)}-${index}` : item));
      breakers.push(fc.constant<[string, unknown]>(['too-many-items', withValueAt(body, path, { value: items })]));
    }
  }
  return breakers;
}

/** Invalid bodies for one operation, each breaking one keyword of its request schema; never a valid one. */
export function invalidBodies(op: SpecOperation): fc.Arbitrary<InvalidBody> {
  const body = validRequest(op).body;
  const media = resolveRef(bundle, op.operation.requestBody).content['application/json'];
  const breakers = sitesOf(media.schema, body).flatMap((site) => breakersOf(site, body).map((breaker) => breaker.map(([kind, changed]) => ({ op, kind, at: pointer(site.path), body: changed }))));
  if (breakers.length === 0) throw new Error(`${op.operationId}: its request schema gives nothing to break`);
  // What goes over the wire is JSON (-0 becomes 0): judge validity on the round-tripped body.
  return fc.oneof(...breakers).filter((candidate) => requestBodyProblems(op, JSON.parse(JSON.stringify(candidate.body) ?? 'null')).length > 0);
}
