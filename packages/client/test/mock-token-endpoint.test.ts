/**
 * The client's token handling against the mock's token endpoint (the same logic the sandbox
 * serves): an independent implementation of Uber's grants, single-use codes and refresh tokens,
 * OAuth errors and the hourly limit, reached over loopback HTTP.
 */
import { startMock, type RunningContractMock } from '@voucher-programs/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, VoucherProgramsClient, type Auth } from '../src/index.js';
import { AuthorizationCodeAuth, exchangeCode, refreshTokens, type OAuthTokens } from '../src/oauth/index.js';
import type { FetchLike } from '../src/transport.js';

const app = { clientId: 'partner-app', clientSecret: 'partner-secret' };
const limitedApp = { clientId: 'busy-app', clientSecret: 'busy-secret' };
const redirectUri = 'https://partner.example/uber/callback';
const clock = { at: Date.UTC(2026, 10, 30), now: () => clock.at };

let mock: RunningContractMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, logLevel: 'silent', oauth: { clients: [app], now: clock.now } });
});
afterAll(() => mock.stop());

/** Counts what goes to the token endpoint, so a test can say how many token requests were sent. */
function countingFetch(): { fetch: FetchLike; tokenRequests: () => number } {
  let count = 0;
  return {
    fetch: (request, init) => {
      if (request.url === mock.tokenUrl) count++;
      return globalThis.fetch(request, init);
    },
    tokenRequests: () => count,
  };
}

function clientWith(auth: Auth, fetch?: FetchLike) {
  return new VoucherProgramsClient({ baseUrl: mock.url, organizationId: '7b3f7c4e-2a5d-4b8e-9f61-0c1d2e3f4a5b', auth, fetch, retry: false });
}
const listTemplates = (client: VoucherProgramsClient) => client.templates.listVoucherProgramTemplates();
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('should have failed'), (error: unknown) => error as AuthError);

describe('client credentials against the mock token endpoint', () => {
  it('gets a token the endpoint recognises, once for 50 concurrent calls', async () => {
    const counted = countingFetch();
    const client = clientWith({ type: 'clientCredentials', ...app, tokenUrl: mock.tokenUrl }, counted.fetch);
    await Promise.all(Array.from({ length: 50 }, () => listTemplates(client)));
    expect(counted.tokenRequests()).toBe(1);
    const issued = await (async () => {
      let seen: string | undefined;
      const spy = clientWith({ type: 'clientCredentials', ...app, tokenUrl: mock.tokenUrl }, (request, init) => {
        if (request.url !== mock.tokenUrl) seen = request.headers.get('authorization')?.replace(/^Bearer /, '');
        return globalThis.fetch(request, init);
      });
      await listTemplates(spy);
      return mock.tokens.verify(seen ?? '');
    })();
    expect(issued).toMatchObject({ clientId: 'partner-app', grantType: 'client_credentials', scopes: ['organizations.voucher_programs'] });
  });

  it('a wrong secret is invalid_client', async () => {
    const error = await failure(listTemplates(clientWith({ type: 'clientCredentials', clientId: app.clientId, clientSecret: 'wrong', tokenUrl: mock.tokenUrl })));
    expect(error).toMatchObject({ name: 'AuthError', code: 'invalid_client', status: 401 });
  });

  it('a scope the grant cannot carry is invalid_scope', async () => {
    const error = await failure(listTemplates(clientWith({ type: 'clientCredentials', ...app, scopes: ['vouchers.redeem'], tokenUrl: mock.tokenUrl })));
    expect(error).toMatchObject({ code: 'invalid_scope' });
  });

  describe('with an hourly limit of five token requests', () => {
    let limited: RunningContractMock;
    beforeAll(async () => {
      limited = await startMock({ port: 0, logLevel: 'silent', oauth: { clients: [limitedApp], requestsPerHour: 5 } });
    });
    afterAll(() => limited.stop());

    it('one 429 with Retry-After, then no more token requests from that client until it has passed', async () => {
      let count = 0;
      const fetch: FetchLike = (request, init) => ((count += Number(request.url === limited.tokenUrl)), globalThis.fetch(request, init));
      const newClient = () =>
        new VoucherProgramsClient({ baseUrl: limited.url, organizationId: 'o', auth: { type: 'clientCredentials', ...limitedApp, tokenUrl: limited.tokenUrl }, fetch, retry: false });
      // Each client holds its own token, so five clients spend the app's hourly budget.
      for (let i = 0; i < 5; i++) await listTemplates(newClient());
      const client = newClient();
      const errors = await Promise.all(Array.from({ length: 20 }, () => failure(listTemplates(client))));
      for (let i = 0; i < 10; i++) errors.push(await failure(listTemplates(client)));
      expect(count).toBe(6);
      for (const error of errors) expect(error).toMatchObject({ name: 'AuthError', code: 'too_many_requests', status: 429 });
      expect(errors[0]!.retryAfterMs).toBeGreaterThan(0);
    });
  });
});

describe('authorization code and refresh against the mock token endpoint', () => {
  async function signIn(): Promise<OAuthTokens> {
    const code = mock.tokens.authorize({ clientId: app.clientId, scopes: ['organizations.voucher_programs.delegated'], redirectUri });
    return exchangeCode({ ...app, code, redirectUri, tokenUrl: mock.tokenUrl, now: clock.now });
  }

  it('exchanges a code for tokens the endpoint recognises; the code is single use', async () => {
    const code = mock.tokens.authorize({ clientId: app.clientId, scopes: ['organizations.voucher_programs.delegated'], redirectUri });
    const tokens = await exchangeCode({ ...app, code, redirectUri, tokenUrl: mock.tokenUrl, now: clock.now });
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.expiresAt).toBeGreaterThan(clock.at);
    expect(mock.tokens.verify(tokens.accessToken)).toMatchObject({ grantType: 'authorization_code', scopes: ['organizations.voucher_programs.delegated'] });
    expect(await failure(exchangeCode({ ...app, code, redirectUri, tokenUrl: mock.tokenUrl }))).toMatchObject({ code: 'invalid_grant' });
  });

  it('refreshes before expiry on a shared clock, rotates the refresh token, and refuses the old one', async () => {
    const first = await signIn();
    const stored: OAuthTokens[] = [];
    const counted = countingFetch();
    const client = clientWith(new AuthorizationCodeAuth({ ...app, tokens: first, tokenUrl: mock.tokenUrl, now: clock.now, fetch: counted.fetch, onTokens: (t) => void stored.push(t) }));
    await listTemplates(client);
    clock.at = first.expiresAt! - 30_000; // inside the minute before expiry
    await Promise.all(Array.from({ length: 50 }, () => listTemplates(client)));
    expect(counted.tokenRequests()).toBe(1);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.refreshToken).not.toBe(first.refreshToken);
    expect(mock.tokens.verify(stored[0]!.accessToken)).toMatchObject({ grantType: 'refresh_token' });
    expect(await failure(refreshTokens({ ...app, refreshToken: first.refreshToken!, tokenUrl: mock.tokenUrl }))).toMatchObject({ code: 'invalid_grant' });
    await expect(refreshTokens({ ...app, refreshToken: stored[0]!.refreshToken!, tokenUrl: mock.tokenUrl })).resolves.toMatchObject({ accessToken: expect.any(String) });
  });
});
