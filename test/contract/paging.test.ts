import type { PaginatedOperationId } from '@voucher-programs/client';
import { operationTable } from '@voucher-programs/spec/operations';
import { describe, expect, it } from 'vitest';
import { resolveRef } from '../../scripts/docs/spec-walk.ts';
import { bundle, specOperation } from './support/bundle.ts';
import { contractClient, organizationToken } from './support/contract-client.ts';
import { send } from './support/http-answer.ts';
import { useMock } from './support/mock.ts';
import { enumerateResponseCases } from './support/response-cases.ts';
import { schemaValidator } from './support/schema-validator.ts';
import { operationUrl, validRequest } from './support/valid-request.ts';

const voucherMock = useMock();
const pagedOperations = Object.entries(operationTable).flatMap(([operationId, entry]) => (entry.pagination ? [{ operationId, pagination: entry.pagination }] : []));
const limits = [1, 2, 3, 7, 100];
// Far more pages than any example holds: reaching it means the iteration would not have ended.
const pageBound = 20;

/** The success page's schema, which the mock answers with its example. */
function pageSchemaOf(operationId: string): Record<string, any> {
  const success = enumerateResponseCases(bundle).find((c) => c.operationId === operationId && c.status === '200')!;
  return resolveRef(bundle, { $ref: success.schemaPointer! });
}

/** The pointer to one item's schema: the page's `items` list, followed through its $ref. */
function itemSchemaPointer(operationId: string, itemsKey: string): string {
  const list = resolveRef(bundle, pageSchemaOf(operationId).properties[itemsKey]);
  const item = [list.type].flat().includes('array') ? list.items : undefined;
  if (!item?.$ref) throw new Error(`${operationId}: ${itemsKey} items are not a $ref'd schema`);
  return item.$ref;
}

/** One page fetched with plain fetch, the paging fields set as x-pagination places them. */
async function fetchPage(operationId: string, pagination: (typeof pagedOperations)[number]['pagination'], fields: Record<string, string | number>) {
  const op = specOperation(operationId);
  const request = validRequest(op);
  const inBody = pagination.in === 'body';
  const query = inBody ? request.query : { ...request.query, ...fields };
  const body = inBody ? { ...(request.body as Record<string, unknown>), ...fields } : request.body;
  const answer = await send({
    method: op.method.toUpperCase(),
    url: operationUrl(voucherMock.url, op, request.pathParams, query),
    headers: { authorization: `Bearer ${organizationToken}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  expect(answer.status, answer.text).toBe(200);
  return answer.json as Record<string, unknown>;
}

describe('pages follow the request, as x-pagination describes it', () => {
  it('there are paged operations to test', () => {
    expect(pagedOperations.map((p) => p.operationId).sort()).toEqual(['getGuests', 'listVoucherProgramTemplates', 'searchVoucherPrograms']);
  });

  describe.each(pagedOperations)('$operationId', ({ operationId, pagination }) => {
    const exampleItems = (pageSchemaOf(operationId).example as Record<string, unknown[]>)[pagination.items]!;

    it.each(limits)('no page holds more than limit=%i items', async (limit) => {
      const page = await fetchPage(operationId, pagination, { [pagination.limit]: limit });
      expect((page[pagination.items] as unknown[]).length).toBe(Math.min(limit, exampleItems.length));
    });

    if (pagination.style === 'offset') {
      it('an offset past the items gives an empty page; one inside starts there', async () => {
        const past = await fetchPage(operationId, pagination, { [pagination.limit]: 10, [pagination.offset!]: exampleItems.length });
        expect(past[pagination.items]).toEqual([]);
        const second = await fetchPage(operationId, pagination, { [pagination.limit]: 1, [pagination.offset!]: 1 });
        expect(second[pagination.items]).toEqual(exampleItems.slice(1, 2));
      });
    } else {
      it('a page asked for with a cursor has no next cursor: it ends the iteration', async () => {
        const first = await fetchPage(operationId, pagination, { [pagination.limit]: 1 });
        const next = first[pagination.next!];
        const later = await fetchPage(operationId, pagination, { [pagination.limit]: 1, [pagination.cursor!]: typeof next === 'string' && next ? next : 'any-cursor' });
        expect(later[pagination.next!] ?? null).toBeNull();
      });
    }

    it.each(limits)('client.paginate with limit=%i ends, with valid items and every page within the limit', async (limit) => {
      const request = validRequest(specOperation(operationId));
      const { organization_id: organizationId, ...pathIds } = request.pathParams;
      const { client, exchanges } = contractClient(voucherMock.url, organizationId!);
      const paging = { [pagination.limit]: limit, ...(pagination.style === 'offset' ? { [pagination.offset!]: 0 } : {}) };
      const init = {
        ...(Object.keys(pathIds).length > 0 ? { path: pathIds } : {}),
        ...(pagination.in === 'body' ? { body: { ...(request.body as object), ...paging } } : request.body !== undefined ? { body: request.body } : {}),
        ...(pagination.in === 'query' ? { query: { ...request.query, ...paging } } : Object.keys(request.query).length > 0 ? { query: request.query } : {}),
      };
      const items: unknown[] = [];
      for await (const item of client.paginate(operationId as PaginatedOperationId, init as never)) {
        items.push(item);
        if (exchanges.length > pageBound) break;
      }
      expect(exchanges.length, 'the iteration did not end').toBeLessThanOrEqual(pageBound);
      expect(exchanges.every((exchange) => exchange.status === 200)).toBe(true);
      const validateItem = schemaValidator(itemSchemaPointer(operationId, pagination.items));
      for (const item of items) expect(validateItem(item)).toEqual([]);
      if (pagination.style === 'offset') {
        // Offset pages walk the example's items once, in order, and stop at the first short page.
        expect(items).toEqual(exampleItems);
        expect(exchanges.length).toBe(Math.floor(exampleItems.length / limit) + 1);
      } else {
        expect(items.length).toBeGreaterThan(0);
        expect(exchanges.length).toBeLessThanOrEqual(2);
      }
    });
  });
});
