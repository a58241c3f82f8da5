/**
 * The conventions of spec/README.md that the linter does not check: where things live, what
 * `x-idempotent` means, and that `x-pagination` names fields that exist.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deref, isObject, listOperations, loadBundle, repoRoot, type JsonObject } from './support/bundle.ts';

const bundle = loadBundle();
const calls = listOperations(bundle).filter((entry) => entry.section === 'paths');
const specDir = join(repoRoot, 'spec');
const root = parse(readFileSync(join(specDir, 'openapi.yaml'), 'utf8')) as JsonObject;

describe('layout', () => {
  const operationFiles = Object.values(root.paths as JsonObject).flatMap((item) => Object.values(item as JsonObject).map((method) => (method as JsonObject).$ref as string));

  it.each(operationFiles)('%s is named after its operationId, in the folder of its tag', (file) => {
    const operation = parse(readFileSync(join(specDir, file), 'utf8')) as JsonObject;
    const [, tag, name] = /^\.\/paths\/([^/]+)\/([^/]+)\.yaml$/.exec(file) ?? [];
    expect(operation.operationId).toBe(name);
    expect(operation.tags).toEqual([tag]);
  });

  it.each(Object.keys(root.webhooks as JsonObject))('webhook %s: its file and its payload event_type carry the event name', (event) => {
    expect((root.webhooks as JsonObject)[event]).toEqual({ $ref: `./webhooks/${event}.yaml` });
    const operation = (deref(bundle, (bundle.webhooks as JsonObject)[event]) as JsonObject).post as JsonObject;
    const media = ((operation.requestBody as JsonObject).content as JsonObject)['application/json'] as JsonObject;
    const payload = deref(bundle, media.schema) as JsonObject;
    const eventTypes = (payload.allOf as JsonObject[])
      .map((part) => ((deref(bundle, part) as JsonObject).properties as JsonObject | undefined)?.event_type as JsonObject | undefined)
      .filter((eventType) => eventType?.const !== undefined);
    expect(eventTypes.map((eventType) => eventType!.const)).toEqual([event]);
  });

  const kinds = readdirSync(join(specDir, 'components'));
  it.each(kinds)('components/%s: one file per component, named after its key', (kind) => {
    const files = readdirSync(join(specDir, 'components', kind)).map((file) => basename(file, '.yaml')).sort();
    const bundled = Object.keys((bundle.components as JsonObject)[kind] as JsonObject).sort();
    expect(bundled).toEqual(files);
  });
});

describe('x-idempotent says whether a client may repeat the call on its own', () => {
  // Reads, search and updates may be repeated; whatever creates, notifies or spends codes may not.
  const repeatable = (method: string, operationId: string) => method === 'get' || /^(search|update)/.test(operationId);
  it.each(calls.map((e) => [e.operation.operationId as string, e] as const))('%s', (_id, { method, operation }) => {
    expect(operation['x-idempotent']).toBe(repeatable(method, operation.operationId as string));
  });
});

describe('x-pagination names fields that exist', () => {
  const paged = calls.filter((entry) => isObject(entry.operation['x-pagination']));

  it('search, get guests and list templates are the paged calls', () => {
    expect(paged.map((e) => e.operation.operationId).sort()).toEqual(['getGuests', 'listVoucherProgramTemplates', 'searchVoucherPrograms']);
  });

  it.each(paged.map((e) => [e.operation.operationId as string, e] as const))('%s', (_id, { operation }) => {
    const paging = operation['x-pagination'] as Record<string, string>;
    const inputs = paging.in === 'query'
      ? (operation.parameters as JsonObject[]).map((p) => deref(bundle, p) as JsonObject).filter((p) => p.in === 'query').map((p) => p.name)
      : Object.keys((deref(bundle, (((deref(bundle, operation.requestBody) as JsonObject).content as JsonObject)['application/json'] as JsonObject).schema) as JsonObject).properties as JsonObject);
    for (const field of paging.style === 'offset' ? [paging.limit, paging.offset] : [paging.limit, paging.cursor]) expect(inputs).toContain(field);

    const answer = deref(bundle, ((((operation.responses as JsonObject)['200'] as JsonObject).content as JsonObject)['application/json'] as JsonObject).schema) as JsonObject;
    const fields = answer.properties as JsonObject;
    expect((deref(bundle, fields[paging.items!]) as JsonObject)?.type).toContain('array');
    if (paging.style === 'cursor') expect(Object.keys(fields)).toContain(paging.next);
  });
});

describe('errors share one schema', () => {
  const errorAnswers = calls.flatMap(({ operation }) =>
    Object.entries(operation.responses as JsonObject)
      .filter(([status]) => /^[45]/.test(status))
      .map(([status, response]) => [`${operation.operationId as string} ${status}`, deref(bundle, response) as JsonObject] as const),
  );
  it.each(errorAnswers)('%s answers with components/schemas/Error', (_name, response) => {
    const media = (response.content as JsonObject)['application/json'] as JsonObject;
    expect(media.schema).toEqual({ $ref: '#/components/schemas/Error' });
  });
});
