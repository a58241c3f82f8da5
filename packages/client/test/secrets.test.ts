import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VoucherProgramsClient } from '../src/index.js';
import { AuthorizationCodeAuth, exchangeCode } from '../src/oauth/index.js';
import { json, startFakeApi, tokenPath, type FakeApi } from './fake-api.js';

const secret = 'CANARY-SECRET-5f1c2d';
const issuedToken = 'CANARY-TOKEN-9a2e7b';
const staticToken = 'CANARY-STATIC-41d0';
const riderToken = 'CANARY-RIDER-77aa';
const refreshToken = 'CANARY-REFRESH-0c3e';
const authorizationCode = 'CANARY-CODE-5d21';
const canaries = [secret, issuedToken, staticToken, riderToken, refreshToken, authorizationCode];

/** Every way an object we create can be turned into text. */
function renderings(value: unknown): string[] {
  const texts = [inspect(value, { showHidden: true, depth: Infinity, getters: true }), inspect(value, { depth: Infinity }), String(value)];
  try {
    texts.push(JSON.stringify(value) ?? '');
  } catch {
    // Circular: inspect covers it.
  }
  if (value instanceof Error) {
    texts.push(value.message, value.stack ?? '');
    for (let cause = value.cause; cause; cause = (cause as Error).cause) texts.push(inspect(cause, { showHidden: true, depth: Infinity }), String(cause));
  }
  return texts;
}

function expectNoCanary(value: unknown): void {
  for (const text of renderings(value)) for (const canary of canaries) expect(text).not.toContain(canary);
}

let api: FakeApi;
const logged = vi.fn();
beforeEach(async () => {
  api = await startFakeApi();
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation(logged);
});
afterEach(async () => {
  expect(logged).not.toHaveBeenCalled();
  vi.restoreAllMocks();
  await api.close();
});

function credentialsClient(options: { timeoutMs?: number; baseUrl?: string } = {}) {
  return new VoucherProgramsClient({
    baseUrl: options.baseUrl ?? api.url,
    organizationId: 'org-1',
    auth: { type: 'clientCredentials', clientId: 'app-id', clientSecret: secret, tokenUrl: api.tokenUrl },
    userAuth: { type: 'token', token: riderToken },
    retry: { initialDelayMs: 1, maxRetries: 1 },
    timeoutMs: options.timeoutMs ?? 5_000,
  });
}
const getCodes = (client: VoucherProgramsClient) => client.codes.getVoucherCodes({ path: { voucher_program_id: 'p1' } }).then(
  () => expect.unreachable('should have failed'),
  (error: unknown) => error,
);

describe('a canary secret never leaks', () => {
  it('is really sent where it belongs (so the checks below can fail)', async () => {
    api.handle((request, response) => (request.url === tokenPath ? json(response, 200, { access_token: issuedToken, expires_in: 3600 }) : json(response, 200, {})));
    const client = credentialsClient();
    await client.codes.getVoucherCodes({ path: { voucher_program_id: 'p1' } });
    await client.redeem.redeemVoucherCode({ body: { code_text: 'X' } });
    expect(api.tokenRequests()[0]!.body).toContain(secret);
    expect(api.apiRequests().map((r) => r.headers.authorization)).toEqual([`Bearer ${issuedToken}`, `Bearer ${riderToken}`]);
    expectNoCanary(client);
  });

  it('not from a client, before or after it holds a token', async () => {
    api.handle((request, response) => (request.url === tokenPath ? json(response, 200, { access_token: issuedToken, expires_in: 3600 }) : json(response, 200, {})));
    const client = credentialsClient();
    expectNoCanary(client);
    await client.codes.getVoucherCodes({ path: { voucher_program_id: 'p1' } });
    expectNoCanary(client);
    const staticClient = new VoucherProgramsClient({ baseUrl: api.url, auth: { type: 'token', token: staticToken } });
    expectNoCanary(staticClient);
  });

  it('not from a refused token request, even when the server echoes the secret', async () => {
    api.handle((_, response) => json(response, 400, { error: 'invalid_client', error_description: `client_secret ${secret} is wrong` }));
    const error = await getCodes(credentialsClient());
    expect(error).toMatchObject({ name: 'AuthError', oauthError: 'invalid_client' });
    expectNoCanary(error);
  });

  it('not from API errors, HTML bodies, retries and 401 refreshes', async () => {
    let apiCalls = 0;
    api.handle((request, response) => {
      if (request.url === tokenPath) return json(response, 200, { access_token: issuedToken, expires_in: 3600 });
      apiCalls++;
      if (apiCalls === 1) return json(response, 401, { code: 'unauthorized', message: 'expired' });
      response.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>bad gateway</html>');
    });
    const error = await getCodes(credentialsClient());
    expect(error).toMatchObject({ name: 'ApiError', status: 502 });
    expectNoCanary(error);
  });

  it('not from network failures and timeouts', async () => {
    api.handle((request, response) => (request.url === tokenPath ? json(response, 200, { access_token: issuedToken, expires_in: 3600 }) : undefined));
    const timedOut = await getCodes(credentialsClient({ timeoutMs: 100 }));
    expect(timedOut).toMatchObject({ name: 'TimeoutError' });
    expectNoCanary(timedOut);
    const closed = await startFakeApi();
    await closed.close();
    const refused = await getCodes(credentialsClient({ baseUrl: closed.url }));
    expect(refused).toMatchObject({ name: 'ConnectionError' });
    expectNoCanary(refused);
    await api.close();
    const tokenUnreachable = await getCodes(credentialsClient());
    expect(tokenUnreachable).toMatchObject({ name: 'ConnectionError', operationId: 'token' });
    expectNoCanary(tokenUnreachable);
  });

  it('not from AuthorizationCodeAuth, its refreshes, or a refused code exchange, even when the server echoes them', async () => {
    api.handle((request, response) => {
      const form = new URLSearchParams(request.body);
      if (request.url === tokenPath) return json(response, 400, { error: 'invalid_grant', error_description: `${form.get('refresh_token') ?? form.get('code')} with ${form.get('client_secret')} is revoked` });
      json(response, 401, { code: 'unauthorized', message: 'expired' });
    });
    const auth = new AuthorizationCodeAuth({ clientId: 'app-id', clientSecret: secret, tokenUrl: api.tokenUrl, tokens: { accessToken: issuedToken, refreshToken, expiresAt: Date.now() + 3_600_000 } });
    expectNoCanary(auth);
    const client = new VoucherProgramsClient({ baseUrl: api.url, organizationId: 'org-1', auth, userAuth: auth, retry: false });
    expectNoCanary(client);
    const refused = await getCodes(client);
    expect(refused).toMatchObject({ name: 'AuthError', code: 'invalid_grant' });
    expect(new URLSearchParams(api.tokenRequests()[0]!.body).get('refresh_token')).toBe(refreshToken);
    expectNoCanary(refused);
    expectNoCanary(auth);
    const exchange = await exchangeCode({ clientId: 'app-id', clientSecret: secret, tokenUrl: api.tokenUrl, code: authorizationCode, redirectUri: 'https://partner.example/cb' }).catch((e: unknown) => e);
    expect(exchange).toMatchObject({ name: 'AuthError', code: 'invalid_grant' });
    expectNoCanary(exchange);
  });

  it('not from a token endpoint 429', async () => {
    api.handle((_, response) => json(response, 429, { error: 'too_many_requests', error_description: `for ${secret}` }, { 'Retry-After': '30' }));
    const client = credentialsClient();
    const first = await getCodes(client);
    const second = await getCodes(client);
    expect(second).toMatchObject({ name: 'AuthError', code: 'too_many_requests' });
    expectNoCanary(first);
    expectNoCanary(second);
  });
});
