import type { IHttpRequest, IHttpResponse } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';

/** The spec's `x-pagination` of one operation: where the paging fields are and what they are called. */
interface Pagination {
  style: 'offset' | 'cursor';
  in: 'query' | 'body';
  limit: string;
  offset?: string;
  cursor?: string;
  next?: string;
  items: string;
}

function paginationOf(operation: IHttpOperation): Pagination | undefined {
  const declared = (operation as { extensions?: Record<string, unknown> }).extensions?.['x-pagination'] as Partial<Pagination> | undefined;
  if (!declared || typeof declared.items !== 'string' || typeof declared.limit !== 'string') return undefined;
  return declared as Pagination;
}

/** A paging field as the request sent it: a JSON number in a body, a string in a query. */
function numberIn(carrier: Record<string, unknown> | undefined, name: string | undefined): number | undefined {
  const raw = name === undefined ? undefined : carrier?.[name];
  const value = typeof raw === 'string' ? Number(raw) : raw;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

// Bounded per page: a paging loop asks for a few offsets and limits, a fuzzer for many.
const cutsPerPage = 64;
const pageCuts = new WeakMap<object, Map<string, Record<string, unknown>>>();

/** Whether the request sent a cursor: a page asked for with one is not the first. */
function cursor(carrier: Record<string, unknown> | undefined, name: string | undefined): boolean {
  const value = name === undefined ? undefined : carrier?.[name];
  return value !== undefined && value !== '';
}

/**
 * The example page cut to what the request asked for, so a client's paging loop ends as it would
 * against the API: never more than `limit` items, an empty page past the example's items, and no
 * next cursor on a page asked for with one (the example stands for the whole list).
 */
export function followPaging(operation: IHttpOperation, input: IHttpRequest, output: IHttpResponse): IHttpResponse {
  const pagination = paginationOf(operation);
  const page = output.body as Record<string, unknown> | undefined;
  if (!pagination || output.statusCode < 200 || output.statusCode > 299 || typeof page !== 'object' || page === null) return output;
  const items = page[pagination.items];
  if (!Array.isArray(items)) return output;
  const carrier = (pagination.in === 'body' ? input.body : input.url.query) as Record<string, unknown> | undefined;
  const limit = numberIn(carrier, pagination.limit);
  const start = pagination.style === 'offset' ? (numberIn(carrier, pagination.offset) ?? 0) : 0;
  const dropNext = pagination.style === 'cursor' && Boolean(pagination.next) && cursor(carrier, pagination.cursor);
  // The same example page cut the same way is the same answer: kept, so its written text is kept too.
  const key = `${start}:${limit ?? ''}:${dropNext ? 1 : 0}`;
  let cuts = pageCuts.get(page);
  let answer = cuts?.get(key);
  if (!answer) {
    answer = { ...page, [pagination.items]: items.slice(start, limit === undefined ? undefined : start + limit) };
    if (dropNext) delete answer[pagination.next!];
    if (!cuts) pageCuts.set(page, (cuts = new Map()));
    if (cuts.size < cutsPerPage) cuts.set(key, answer);
  }
  return { ...output, body: answer };
}
