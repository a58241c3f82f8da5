import { VoucherProgramsError, type PaginatedOperationId } from '@voucher-programs/client';
import { operationTable } from '@voucher-programs/spec/operations';
import { describe, expect, it } from 'vitest';
import { resolveRef } from '../../scripts/docs/spec-walk.ts';
import { bundle, specOperation } from './support/bundle.ts';
import { contractClient } from './support/contract-client.ts';
import { useMock } from './support/mock.ts';
import { enumerateResponseCases } from './support/response-cases.ts';
import { schemaValidator } from './support/schema-validator.ts';
import { validRequest } from './support/valid-request.ts';

const voucherMock = useMock();
const pagedOperations = Object.entries(operationTable).flatMap(([operationId, entry]) => (entry.pagination ? [{ operationId, pagination: entry.pagination }] : []));

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

describe('the client pages through the mock as x-pagination says', () => {
  it('there are paged operations to test', () => {
    expect(pagedOperations.map((p) => p.operationId).sort()).toEqual(['getGuests', 'listVoucherProgramTemplates', 'searchVoucherPrograms']);
  });

  it.each(pagedOperations)('$operationId yields valid items and ends', async ({ operationId, pagination }) => {
    const request = validRequest(specOperation(operationId));
    const { organization_id: organizationId, ...pathIds } = request.pathParams;
    const { client, exchanges } = contractClient(voucherMock.url, organizationId!);
    const init = {
      ...(Object.keys(pathIds).length > 0 ? { path: pathIds } : {}),
      ...(request.body !== undefined ? { body: request.body } : {}),
      ...(Object.keys(request.query).length > 0 ? { query: request.query } : {}),
    };
    const items: unknown[] = [];
    let ended: unknown;
    try {
      for await (const item of client.paginate(operationId as PaginatedOperationId, init as never)) items.push(item);
    } catch (error) {
      ended = error;
    }
    expect(items.length).toBeGreaterThan(0);
    const validateItem = schemaValidator(itemSchemaPointer(operationId, pagination.items));
    for (const item of items) expect(validateItem(item)).toEqual([]);
    expect(exchanges.every((exchange) => exchange.status === 200)).toBe(true);
    const examplePage = pageSchemaOf(operationId).example as Record<string, unknown> | undefined;
    expect(examplePage, `${operationId}: the mock answers pages with the page schema's example`).toBeDefined();
    if (pagination.style === 'cursor' && examplePage![pagination.next!]) {
      // The mock answers every page with the same example, next cursor included: the client must stop, not loop.
      expect(ended).toBeInstanceOf(VoucherProgramsError);
      expect((ended as Error).message).toMatch(/same next_token twice/);
      expect(exchanges.length).toBe(2);
      expect(new URL(exchanges[1]!.url).searchParams.get(pagination.cursor!)).toBeTruthy();
    } else {
      // The example page has no next cursor, or is shorter than the limit: it is the last one.
      expect(ended).toBeUndefined();
      expect(exchanges.length).toBe(1);
    }
  });
});
