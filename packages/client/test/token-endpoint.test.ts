import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, VoucherProgramsClient, type AuthErrorCode } from '../src/index.js';
import { defaultHandler, json, startFakeApi, tokenPath, type FakeApi } from './fake-api.js';

let api: FakeApi;
beforeEach(async () => {
  api = await startFakeApi();
});
afterEach(() => api.close());

function credentialsClient() {
  return new VoucherProgramsClient({
    baseUrl: api.url,
    organizationId: 'org-1',
    auth: { type: 'clientCredentials', clientId: 'app-id', clientSecret: 'app-secret', tokenUrl: api.tokenUrl },
    retry: false,
  });
}
const getCodes = (client: VoucherProgramsClient) => client.codes.getVoucherCodes({ path: { voucher_program_id: 'p1' } });
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('should have failed'), (error: unknown) => error as AuthError);

describe('token endpoint errors become typed AuthError codes', () => {
  const cases: [number, string, AuthErrorCode][] = [
    [400, 'invalid_request', 'invalid_request'],
    [401, 'invalid_client', 'invalid_client'],
    [400, 'invalid_grant', 'invalid_grant'],
    [400, 'invalid_scope', 'invalid_scope'],
    [400, 'unauthorized_client', 'unauthorized_client'],
    [400, 'unsupported_grant_type', 'unsupported_grant_type'],
    [400, 'something_new', 'token_request_failed'],
  ];
  it.each(cases)('%i %s → %s', async (status, error, code) => {
    api.handle((_, response) => json(response, status, { error, error_description: 'described' }));
    const thrown = await failure(getCodes(credentialsClient()));
    expect(thrown).toBeInstanceOf(AuthError);
    expect(thrown).toMatchObject({ code, status, oauthError: error, operationId: 'token' });
    expect(thrown.message).not.toContain('described');
  });

  it('an error status without an OAuth body, and a success without a token', async () => {
    api.handle((_, response) => response.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>bad gateway</html>'));
    expect(await failure(getCodes(credentialsClient()))).toMatchObject({ code: 'token_request_failed', status: 502, oauthError: undefined });
    api.handle((_, response) => json(response, 200, { token_type: 'Bearer' }));
    expect(await failure(getCodes(credentialsClient()))).toMatchObject({ code: 'invalid_token_answer', status: 200 });
    // An OAuth error inside a 200 is still an error.
    api.handle((_, response) => json(response, 200, { error: 'invalid_scope' }));
    expect(await failure(getCodes(credentialsClient()))).toMatchObject({ code: 'invalid_scope' });
  });
});

describe('a 429 from the token endpoint is never retried in a loop', () => {
  it('honours Retry-After: 50 concurrent calls and 20 more after them send one token request in all', async () => {
    api.handle((request, response) =>
      request.url === tokenPath ? json(response, 429, { error: 'too_many_requests', error_description: 'slow down' }, { 'Retry-After': '120' }) : json(response, 200, {}),
    );
    const client = credentialsClient();
    const errors = await Promise.all(Array.from({ length: 50 }, () => failure(getCodes(client))));
    for (let i = 0; i < 20; i++) errors.push(await failure(getCodes(client)));
    expect(api.tokenRequests()).toHaveLength(1);
    expect(api.apiRequests()).toHaveLength(0);
    for (const error of errors) expect(error).toMatchObject({ name: 'AuthError', code: 'too_many_requests', status: 429 });
    expect(errors[0]!.retryAfterMs).toBe(120_000);
    expect(errors.at(-1)!.retryAfterMs).toBeGreaterThan(110_000);
    expect(errors.at(-1)!.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('without Retry-After, waits a minute before the next token request', async () => {
    api.handle((request, response) => (request.url === tokenPath ? json(response, 429, { error: 'too_many_requests' }) : json(response, 200, {})));
    const client = credentialsClient();
    for (let i = 0; i < 10; i++) expect(await failure(getCodes(client))).toMatchObject({ code: 'too_many_requests' });
    expect(api.tokenRequests()).toHaveLength(1);
    expect((await failure(getCodes(client))).retryAfterMs).toBeGreaterThan(55_000);
  });

  it('asks again once Retry-After has passed, and then works', async () => {
    let refused = false;
    const tokens = defaultHandler();
    api.handle((request, response) => {
      if (request.url !== tokenPath) return json(response, 200, {});
      if (!refused) return (refused = true), json(response, 429, { error: 'too_many_requests' }, { 'Retry-After': '0.2' });
      tokens(request, response);
    });
    const client = credentialsClient();
    expect(await failure(getCodes(client))).toMatchObject({ code: 'too_many_requests' });
    expect(await failure(getCodes(client))).toMatchObject({ code: 'too_many_requests' });
    expect(api.tokenRequests()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await getCodes(client);
    expect(api.tokenRequests()).toHaveLength(2);
    expect(api.apiRequests()[0]!.headers.authorization).toBe('Bearer token-1');
  });
});
