import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Converter from 'openapi-to-postmanv2';
import { repoRoot } from '../../../scripts/lib/run.ts';
import { bundle, specOperations } from '../../contract/support/bundle.ts';
import { enumerateResponseCases } from '../../contract/support/response-cases.ts';

/** A Postman collection (v2.1) as far as these tests read and change it. */
export interface PostmanCollection {
  info?: unknown;
  item: PostmanItem[];
  auth?: unknown;
  event?: PostmanEvent[];
  variable?: unknown[];
}

/** A request of a collection, or a folder of them. */
export interface PostmanItem {
  id?: string;
  name?: string;
  request?: { method?: string; url: { host?: string[]; path?: string[]; protocol?: string }; header?: { key: string; value: string }[]; auth?: unknown };
  item?: PostmanItem[];
  event?: PostmanEvent[];
}

export interface PostmanEvent {
  listen: 'test' | 'prerequest';
  script: { type: 'text/javascript'; exec: string[] };
}

/** What the collection-level test script holds for one operation: its 2xx statuses and their answer schemas. */
interface OperationJudge {
  /** The documented 2xx statuses. */
  statuses: number[];
  /** Answer schema by status (2xx and errors); absent for a status without a JSON body (204). */
  schemas: Record<string, unknown>;
}

/**
 * The bundle converted by openapi-to-postmanv2 (its own reading of the spec: URLs, path variables,
 * example bodies), every request named by its operationId so the test script can find its judge.
 */
export async function convertedCollection(): Promise<PostmanCollection> {
  const data = await readFile(join(repoRoot, 'generated', 'openapi.json'), 'utf8');
  const collection = await new Promise<PostmanCollection>((resolve, reject) => {
    Converter.convertV2({ type: 'json', data }, { parametersResolution: 'Example', folderStrategy: 'Tags' }, (error, result) => {
      if (error) reject(error);
      else if (!result?.result || !result.output?.[0]) reject(new Error(`openapi-to-postmanv2 refused the bundle: ${result?.reason}`));
      else resolve(result.output[0].data as PostmanCollection);
    });
  });
  for (const item of requestItems(collection)) {
    item.id = operationIdOf(item);
    item.name = `${item.id}: ${item.name}`;
  }
  return collection;
}

/** Every request of a collection, folders flattened. */
export function requestItems(collection: { item?: PostmanItem[] }): PostmanItem[] {
  return (collection.item ?? []).flatMap((entry) => (entry.item ? requestItems(entry) : [entry]));
}

/** The spec's operation a converted request stands for, by method and path template (`:id` is `{id}`). */
function operationIdOf(item: PostmanItem): string {
  const request = item.request!;
  const path = `/${(request.url?.path ?? []).map((segment) => segment.replace(/^:(\w+)$/, '{$1}')).join('/')}`;
  const method = (request.method ?? 'GET').toLowerCase();
  const op = specOperations.find((candidate) => candidate.method === method && candidate.path === path);
  if (!op) throw new Error(`openapi-to-postmanv2 made a request the spec does not have: ${method.toUpperCase()} ${path}`);
  return op.operationId;
}

function pointerValue(pointer: string): unknown {
  return pointer
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((value, key) => value?.[key], bundle);
}

/**
 * A collection-level test script: the status must be one of the operation's documented 2xx (or,
 * for a request sending `Prefer: code=4xx|5xx`, that status), and the body must pass
 * `pm.response.to.have.jsonSchema` (Postman's own Ajv) with the schema the spec gives that status,
 * `$ref`s resolved against the bundle's components carried beside it.
 */
export function judgeScript(): PostmanEvent {
  const judges: Record<string, OperationJudge> = {};
  for (const c of enumerateResponseCases(bundle)) {
    const judge = (judges[c.operationId] ??= { statuses: [], schemas: {} });
    if (c.status.startsWith('2') && !judge.statuses.includes(Number(c.status))) judge.statuses.push(Number(c.status));
    if (c.schemaPointer) judge.schemas[c.status] = pointerValue(c.schemaPointer);
  }
  const exec = [
    `const judges = ${JSON.stringify(judges)};`,
    `const components = ${JSON.stringify(bundle.components)};`,
    'const judge = judges[pm.info.requestId];',
    "pm.test('the request is one of the spec\\'s operations', () => pm.expect(judge, pm.info.requestId).to.be.an('object'));",
    "const askedError = Number((/code=(\\d{3})/.exec(pm.request.headers.get('Prefer') || '') || [])[1]) >= 400;",
    'if (judge && askedError) {',
    "  pm.test('status is the error asked for', () => pm.expect(pm.request.headers.get('Prefer')).to.include('code=' + pm.response.code));",
    '} else if (judge) {',
    "  pm.test('status is a documented 2xx', () => pm.expect(judge.statuses).to.include(pm.response.code));",
    '}',
    'if (judge) {',
    '  const schema = judge.schemas[String(pm.response.code)];',
    // Postman's Ajv is draft-07 (Ajv 6): it does not know the int32/int64 formats, and applies a $ref's sibling keywords only when told.
    "  if (schema) pm.test('answer fits the operation\\'s schema', () => pm.response.to.have.jsonSchema({ ...schema, components }, { unknownFormats: 'ignore', extendRefs: true }));",
    '}',
  ];
  return { listen: 'test', script: { type: 'text/javascript', exec } };
}
