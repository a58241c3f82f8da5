import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, AuthError, VoucherProgramsClient } from '../src/index.js';
import { defaultHandler, json, startFakeApi, tokenPath, type FakeApi } from './fake-api.js';

let api: FakeApi;
beforeEach(async () => {
  api = await startFakeApi();
});
afterEach(() => api.close());

function credentialsClient(extra: Partial<ConstructorParameters<typeof VoucherProgramsClient>[0]> = {}) {
  return new VoucherProgramsClient({
    baseUrl: api.url,
    organizationId: 'org-1',
    auth: { type: 'clientCredentials', clientId: 'app-id', clientSecret: 'app-secret', tokenUrl: api.tokenUrl, scopes: ['organizations.voucher_programs', 'organizations.voucher_programs.aggregator'] },
    retry: false,
    ...extra,
  });
}

const getCodes = (client: VoucherProgramsClient) => client.codes.getVoucherCodes({ path: { voucher_program_id: 'p1' } });

describe('client credentials', () => {
  it('sends one form-encoded token request with the configured scopes', async () => {
    await getCodes(credentialsClient());
    const [tokenRequest] = api.tokenRequests();
    expect(tokenRequest!.method).toBe('POST');
    expect(tokenRequest!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(tokenRequest!.body))).toEqual({
      client_id: 'app-id',
      client_secret: 'app-secret',
      grant_type: 'client_credentials',
      scope: 'organizations.voucher_programs organizations.voucher_programs.aggregator',
    });
    expect(api.apiRequests()[0]!.headers.authorization).toBe('Bearer token-1');
  });

  it('shares one token request between 50 concurrent calls, then reuses the cached token', async () => {
    const client = credentialsClient();
    await Promise.all(Array.from({ length: 50 }, () => getCodes(client)));
    await getCodes(client);
    expect(api.tokenRequests()).toHaveLength(1);
    expect(api.apiRequests()).toHaveLength(51);
    expect(new Set(api.apiRequests().map((r) => r.headers.authorization))).toEqual(new Set(['Bearer token-1']));
  });

  it('asks for a new token shortly before expires_in runs out', async () => {
    api.handle(defaultHandler(0.05)); // 50 ms tokens: refreshed after ~45 ms
    const client = credentialsClient();
    await getCodes(client);
    await getCodes(client);
    expect(api.tokenRequests()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await getCodes(client);
    expect(api.tokenRequests()).toHaveLength(2);
    expect(api.apiRequests().at(-1)!.headers.authorization).toBe('Bearer token-2');
  });

  it('on a 401 refreshes once and retries once, even for an operation that is never retried otherwise', async () => {
    const tokens = defaultHandler();
    api.handle((request, response) => {
      if (request.url === tokenPath) return tokens(request, response);
      if (request.headers.authorization === 'Bearer token-1') return json(response, 401, { code: 'unauthorized', message: 'Invalid OAuth 2.0 credentials provided.' });
      json(response, 200, { status: 'queued' });
    });
    const client = credentialsClient();
    await expect(client.codes.distributeVoucherCodes({ path: { voucher_program_id: 'p1' }, body: {} })).resolves.toEqual({ status: 'queued' });
    expect(api.tokenRequests()).toHaveLength(2);
    expect(api.apiRequests().map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('50 concurrent calls that all meet a 401 share one refresh', async () => {
    const tokens = defaultHandler();
    api.handle((request, response) => {
      if (request.url === tokenPath) return tokens(request, response);
      if (request.headers.authorization === 'Bearer token-1') return json(response, 401, { code: 'unauthorized', message: 'expired' });
      json(response, 200, { codes: [] });
    });
    const client = credentialsClient();
    await Promise.all(Array.from({ length: 50 }, () => getCodes(client)));
    expect(api.tokenRequests()).toHaveLength(2);
  });

  it('gives up after one refresh when the new token is refused too', async () => {
    api.handle((request, response) => (request.url === tokenPath ? defaultHandler()(request, response) : json(response, 401, { code: 'unauthorized', message: 'no' })));
    const error = await getCodes(credentialsClient()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized', operationId: 'getVoucherCodes' });
    expect(api.apiRequests()).toHaveLength(2);
  });

  it('reports a refused token request as an AuthError with the OAuth error, and tries again on the next call', async () => {
    api.handle((request, response) => json(response, 401, { error: 'invalid_client' }));
    const client = credentialsClient();
    const error = await getCodes(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 401, oauthError: 'invalid_client', operationId: 'token' });
    expect(api.apiRequests()).toHaveLength(0);
    api.handle(defaultHandler());
    await getCodes(client);
    expect(api.tokenRequests()).toHaveLength(2);
  });

  it('reports a token answer without access_token, or not JSON at all, as an AuthError', async () => {
    api.handle((request, response) => json(response, 200, { token_type: 'Bearer' }));
    await expect(getCodes(credentialsClient())).rejects.toThrow(AuthError);
    api.handle((request, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>'));
    await expect(getCodes(credentialsClient())).rejects.toThrow(/without an access_token/);
  });
});

describe('static tokens and token providers', () => {
  it('does not retry a 401 with a static token: nothing would change', async () => {
    api.handle((request, response) => json(response, 401, { code: 'unauthorized', message: 'no' }));
    const client = new VoucherProgramsClient({ baseUrl: api.url, organizationId: 'o', auth: { type: 'token', token: 'static' } });
    await expect(getCodes(client)).rejects.toMatchObject({ status: 401 });
    expect(api.requests).toHaveLength(1);
  });

  it('asks the provider again with forceRefresh after a 401', async () => {
    const asked: boolean[] = [];
    api.handle((request, response) =>
      request.headers.authorization === 'Bearer fresh' ? json(response, 200, { codes: [] }) : json(response, 401, { code: 'unauthorized', message: 'stale' }),
    );
    const client = new VoucherProgramsClient({
      baseUrl: api.url,
      organizationId: 'o',
      auth: { type: 'tokenProvider', getToken: async ({ forceRefresh }) => (asked.push(forceRefresh), forceRefresh ? 'fresh' : 'stale') },
    });
    await expect(getCodes(client)).resolves.toEqual({ codes: [] });
    expect(asked).toEqual([false, true]);
  });

  it('wraps a failing provider in an AuthError', async () => {
    const client = new VoucherProgramsClient({ baseUrl: api.url, organizationId: 'o', auth: { type: 'tokenProvider', getToken: () => Promise.reject(new Error('vault down')) } });
    const error = await getCodes(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).cause).toMatchObject({ message: 'vault down' });
    expect(api.requests).toHaveLength(0);
  });

  it('uses the rider token for redeem and the organization token elsewhere; a per-call token wins', async () => {
    const client = new VoucherProgramsClient({
      baseUrl: api.url,
      organizationId: 'o',
      auth: { type: 'token', token: 'org' },
      userAuth: { type: 'tokenProvider', getToken: () => 'rider' },
    });
    await client.redeem.redeemVoucherCode({ body: { code_text: 'K7Q2ZP' } });
    await client.redeem.redeemVoucherCode({ body: { code_text: 'K7Q2ZP' }, accessToken: 'other-rider' });
    await getCodes(client);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual(['Bearer rider', 'Bearer other-rider', 'Bearer org']);
    expect(api.requests[0]!.url).toBe('/v1.2/me/vouchers/redeem');
  });
});
