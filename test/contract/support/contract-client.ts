import { VoucherProgramsClient } from '@voucher-programs/client';

/** Static tokens: the mock only checks that a bearer token is present. */
export const organizationToken = 'contract-organization-token';
export const riderToken = 'contract-rider-token';

export interface ContractClient {
  client: VoucherProgramsClient;
  /** What went over the wire for each attempt, so a test sees statuses and headers the client hides. */
  exchanges: Array<{ method: string; url: string; requestHeaders: Headers; status: number; responseHeaders: Headers }>;
}

/** A client on the mock with retries off, so a 429 or 500 answers once and is asserted as sent. */
export function contractClient(baseUrl: string, organizationId: string): ContractClient {
  const exchanges: ContractClient['exchanges'] = [];
  const client = new VoucherProgramsClient({
    baseUrl,
    organizationId,
    auth: { type: 'token', token: organizationToken },
    userAuth: { type: 'token', token: riderToken },
    retry: false,
    timeoutMs: 10_000,
    fetch: async (request, init) => {
      const response = await fetch(request, init);
      exchanges.push({ method: request.method, url: request.url, requestHeaders: new Headers(request.headers), status: response.status, responseHeaders: response.headers });
      return response;
    },
  });
  return { client, exchanges };
}

type NamedMethod = (init?: Record<string, unknown>) => Promise<unknown>;

/** The client's named method for an operation, found under the spec's tag: `client.<tag>.<operationId>`. */
export function namedMethod(client: VoucherProgramsClient, tag: string, operationId: string): NamedMethod {
  const group = (client as unknown as Record<string, Record<string, unknown> | undefined>)[tag];
  const method = group?.[operationId];
  if (typeof method !== 'function') throw new Error(`the client has no named method ${tag}.${operationId}`);
  return method as NamedMethod;
}
