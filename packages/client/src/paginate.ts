import { VoucherProgramsError } from './errors.js';

/** The spec's `x-pagination` of one operation. */
export interface Pagination {
  style: string;
  in: string;
  limit: string;
  offset?: string;
  cursor?: string;
  next?: string;
  items: string;
}

type Init = Record<string, any>;
type Page = Record<string, unknown> | undefined;

function itemsOf(page: Page, pagination: Pagination, operationId: string): unknown[] {
  const items = page?.[pagination.items] ?? [];
  if (!Array.isArray(items)) throw new VoucherProgramsError(`${operationId} answered a page whose ${pagination.items} is not a list`, { operationId });
  return items;
}

/**
 * Every item of every page, fetched one page at a time as the caller iterates. Offset paging
 * stops at the first page shorter than `limit` (the API has no total); cursor paging stops when
 * the answer has no next cursor, and throws if the server repeats one rather than loop forever.
 */
export async function* paginate(fetchPage: (init: Init) => Promise<Page>, pagination: Pagination, operationId: string, init: Init): AsyncGenerator<any, void, undefined> {
  const where = pagination.in;
  const carrier: Init = { ...(init[where] ?? {}) };
  if (pagination.style === 'offset' && pagination.offset) {
    const limit = carrier[pagination.limit];
    if (!Number.isInteger(limit) || limit <= 0) {
      throw new VoucherProgramsError(`${operationId} pages need a positive integer ${where}.${pagination.limit}`, { operationId });
    }
    let offset: number = carrier[pagination.offset] ?? 0;
    for (;;) {
      const items = itemsOf(await fetchPage({ ...init, [where]: { ...carrier, [pagination.offset]: offset } }), pagination, operationId);
      yield* items;
      if (items.length < limit) return;
      offset += items.length;
    }
  }
  if (pagination.style === 'cursor' && pagination.cursor && pagination.next) {
    const seen = new Set<string>();
    let cursor: unknown = carrier[pagination.cursor];
    for (;;) {
      const page = await fetchPage({ ...init, [where]: cursor ? { ...carrier, [pagination.cursor]: cursor } : carrier });
      yield* itemsOf(page, pagination, operationId);
      const next = page?.[pagination.next];
      if (typeof next !== 'string' || next === '') return;
      if (seen.has(next)) throw new VoucherProgramsError(`${operationId} answered the same ${pagination.next} twice; stopping instead of looping`, { operationId });
      seen.add(next);
      cursor = next;
    }
  }
  throw new VoucherProgramsError(`${operationId} has an x-pagination style this client does not know: ${pagination.style}`, { operationId });
}
