import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, VoucherProgramsClient } from '../src/index.js';
import { AuthorizationCodeAuth, authorizeUrl, createPkce, exchangeCode, parseAuthorizeCallback, refreshTokens, type OAuthTokens } from '../src/oauth/index.js';
import { startFakeApi, type FakeApi } from './fake-api.js';
import { FakeOAuth } from './fake-oauth.js';

let api: FakeApi;
let oauth: FakeOAuth;
beforeEach(async () => {
  oauth = new FakeOAuth();
  api = await startFakeApi(oauth.handler);
});
afterEach(() => api.close());

const redirectUri = 'https://partner.example/uber/callback';
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('should have failed'), (error: unknown) => error as AuthError);
const getCodes = (client: VoucherProgramsClient) => client.codes.getVoucherCodes({ path: { voucher_program_id: 'p1' } });
const credentials = () => ({ clientId: oauth.clientId, clientSecret: oauth.clientSecret, tokenUrl: api.tokenUrl });

/** A manual clock: `now` moves only when a test moves it. */
function manualClock(start = 1_800_000_000_000) {
  const clock = { at: start, now: () => clock.at };
  return clock;
}

async function signIn(now: () => number): Promise<OAuthTokens> {
  const code = oauth.authorize(redirectUri);
  return exchangeCode({ ...credentials(), code, redirectUri, now });
}

describe('authorize URL and callback', () => {
  it('carries every parameter of Uber’s authorize page, and PKCE when asked', async () => {
    const pkce = await createPkce();
    const url = new URL(authorizeUrl({ clientId: 'app-id', redirectUri, scopes: ['organizations.voucher_programs.delegated'], state: 's-1', codeChallenge: pkce.codeChallenge }));
    expect(url.origin + url.pathname).toBe('https://auth.uber.com/oauth/v2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'app-id',
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: 'organizations.voucher_programs.delegated',
      state: 's-1',
      code_challenge: pkce.codeChallenge,
      code_challenge_method: 'S256',
    });
    // RFC 7636: the challenge is base64url(SHA-256(verifier)), checked here with node:crypto; the verifier is 43+ unreserved characters.
    expect(pkce.codeChallenge).toBe(createHash('sha256').update(pkce.codeVerifier).digest('base64url'));
    expect(pkce.codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect((await createPkce()).codeVerifier).not.toBe(pkce.codeVerifier);
  });

  it('refuses to build a URL without client id, redirect, state or scopes', () => {
    expect(() => authorizeUrl({ clientId: '', redirectUri, scopes: ['x'], state: 's' })).toThrow(/needs clientId/);
    expect(() => authorizeUrl({ clientId: 'a', redirectUri, scopes: [], state: '' })).toThrow(/needs state, scopes/);
  });

  it('reads the code back after checking state; refusals and forgeries are typed errors', () => {
    expect(parseAuthorizeCallback(`${redirectUri}?code=abc&state=s-1`, 's-1')).toEqual({ code: 'abc' });
    expect(() => parseAuthorizeCallback(`${redirectUri}?code=abc&state=other`, 's-1')).toThrow(expect.objectContaining({ code: 'invalid_callback' }));
    expect(() => parseAuthorizeCallback(`${redirectUri}?error=access_denied&state=s-1`, 's-1')).toThrow(expect.objectContaining({ code: 'access_denied', oauthError: 'access_denied' }));
    expect(() => parseAuthorizeCallback(`${redirectUri}?state=s-1`, 's-1')).toThrow(expect.objectContaining({ code: 'invalid_callback' }));
  });
});

describe('code exchange', () => {
  it('posts the authorization_code grant form-encoded and returns storable tokens', async () => {
    const clock = manualClock();
    const tokens = await signIn(clock.now);
    expect(oauth.grants).toEqual([{ client_id: 'app-id', client_secret: 'app-secret', grant_type: 'authorization_code', code: 'code-1', redirect_uri: redirectUri }]);
    expect(api.tokenRequests()[0]!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(tokens).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: clock.at + 3_600_000, scope: 'organizations.voucher_programs.delegated' });
    expect(JSON.parse(JSON.stringify(tokens))).toEqual(tokens);
  });

  it('sends the PKCE verifier, which the endpoint checks against the challenge', async () => {
    const pkce = await createPkce();
    const code = oauth.authorize(redirectUri, pkce.codeChallenge);
    await expect(exchangeCode({ ...credentials(), code, redirectUri, codeVerifier: pkce.codeVerifier })).resolves.toMatchObject({ accessToken: 'access-1' });
    const wrong = oauth.authorize(redirectUri, pkce.codeChallenge);
    expect(await failure(exchangeCode({ ...credentials(), code: wrong, redirectUri, codeVerifier: 'not-the-verifier-not-the-verifier-000000000' }))).toMatchObject({ code: 'invalid_grant' });
  });

  it('a used code, another redirect URI or a wrong secret are typed errors', async () => {
    const code = oauth.authorize(redirectUri);
    await exchangeCode({ ...credentials(), code, redirectUri });
    expect(await failure(exchangeCode({ ...credentials(), code, redirectUri }))).toMatchObject({ code: 'invalid_grant', status: 400 });
    const other = oauth.authorize(redirectUri);
    expect(await failure(exchangeCode({ ...credentials(), code: other, redirectUri: 'https://elsewhere.example/' }))).toMatchObject({ code: 'invalid_grant' });
    expect(await failure(exchangeCode({ ...credentials(), clientSecret: 'wrong', code: oauth.authorize(redirectUri), redirectUri }))).toMatchObject({ code: 'invalid_client', status: 401 });
  });

  it('refreshTokens trades a refresh token once; the rotated one works, the old one is invalid_grant', async () => {
    const first = await signIn(Date.now);
    const second = await refreshTokens({ ...credentials(), refreshToken: first.refreshToken! });
    expect(second).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    expect(await failure(refreshTokens({ ...credentials(), refreshToken: first.refreshToken! }))).toMatchObject({ code: 'invalid_grant' });
  });
});

describe('AuthorizationCodeAuth on a client', () => {
  function clientWith(auth: AuthorizationCodeAuth) {
    return new VoucherProgramsClient({ baseUrl: api.url, organizationId: 'org-1', auth, retry: false });
  }

  it('refreshes before expiry, with no call meeting a 401, and hands the rotated tokens to onTokens', async () => {
    const clock = manualClock();
    const stored: OAuthTokens[] = [];
    const auth = new AuthorizationCodeAuth({ ...credentials(), tokens: await signIn(clock.now), now: clock.now, onTokens: (tokens) => void stored.push(tokens) });
    const client = clientWith(auth);
    await getCodes(client);
    clock.at += 3_600_000 - 61_000; // a minute and a second before expiry: still fresh
    await getCodes(client);
    expect(oauth.grants).toHaveLength(1);
    clock.at += 2_000; // inside the minute before expiry
    await getCodes(client);
    expect(oauth.grants.map((g) => g.grant_type)).toEqual(['authorization_code', 'refresh_token']);
    expect(oauth.grants[1]!.refresh_token).toBe('refresh-1');
    expect(stored).toEqual([{ accessToken: 'access-2', refreshToken: 'refresh-2', expiresAt: clock.at + 3_600_000, scope: 'organizations.voucher_programs.delegated' }]);
    expect(api.apiRequests().map((r) => r.headers.authorization)).toEqual(['Bearer access-1', 'Bearer access-1', 'Bearer access-2']);
    // The next refresh uses the rotated token (the endpoint refuses refresh-1 now).
    clock.at += 3_600_000;
    await getCodes(client);
    expect(oauth.grants[2]!.refresh_token).toBe('refresh-2');
    expect(stored.map((t) => t.refreshToken)).toEqual(['refresh-2', 'refresh-3']);
  });

  it('50 concurrent calls during a refresh send exactly one token request', async () => {
    const clock = manualClock();
    const client = clientWith(new AuthorizationCodeAuth({ ...credentials(), tokens: await signIn(clock.now), now: clock.now }));
    clock.at += 3_600_000;
    await Promise.all(Array.from({ length: 50 }, () => getCodes(client)));
    expect(oauth.grants.filter((g) => g.grant_type === 'refresh_token')).toHaveLength(1);
    expect(api.apiRequests()).toHaveLength(50);
    expect(new Set(api.apiRequests().map((r) => r.headers.authorization))).toEqual(new Set(['Bearer access-2']));
  });

  it('after a 401 refreshes once for all the calls that met it, and re-sends them', async () => {
    const client = clientWith(new AuthorizationCodeAuth({ ...credentials(), tokens: await signIn(Date.now) }));
    await getCodes(client);
    oauth.accessTokens.clear(); // Uber revoked the access token early
    await Promise.all(Array.from({ length: 50 }, () => getCodes(client)));
    expect(oauth.grants.filter((g) => g.grant_type === 'refresh_token')).toHaveLength(1);
    expect(api.apiRequests().filter((r) => r.headers.authorization === 'Bearer access-2')).toHaveLength(50);
  });

  it('a revoked refresh token is invalid_grant, once: later calls do not ask the endpoint again', async () => {
    const clock = manualClock();
    const client = clientWith(new AuthorizationCodeAuth({ ...credentials(), tokens: await signIn(clock.now), now: clock.now }));
    oauth.revokeRefreshTokens();
    clock.at += 3_600_000;
    const errors = await Promise.all(Array.from({ length: 10 }, () => failure(getCodes(client))));
    errors.push(await failure(getCodes(client)));
    for (const error of errors) expect(error).toMatchObject({ name: 'AuthError', code: 'invalid_grant', status: 400 });
    expect(oauth.grants.filter((g) => g.grant_type === 'refresh_token')).toHaveLength(1);
    expect(api.apiRequests()).toHaveLength(0);
  });

  it('tokens without a refresh token fail with no_refresh_token and send nothing', async () => {
    const client = clientWith(new AuthorizationCodeAuth({ ...credentials(), tokens: { accessToken: 'gone', expiresAt: 0 } }));
    expect(await failure(getCodes(client))).toMatchObject({ code: 'no_refresh_token' });
    expect(api.requests).toHaveLength(0);
  });

  it('an onTokens that throws fails that call, and the new tokens are still used', async () => {
    const clock = manualClock();
    const auth = new AuthorizationCodeAuth({
      ...credentials(),
      tokens: await signIn(clock.now),
      now: clock.now,
      onTokens: () => {
        throw new Error('database down');
      },
    });
    const client = clientWith(auth);
    clock.at += 3_600_000;
    const error = await failure(getCodes(client));
    expect(error).toMatchObject({ code: 'auth_setup', cause: { message: 'database down' } });
    await getCodes(client);
    expect(api.apiRequests().map((r) => r.headers.authorization)).toEqual(['Bearer access-2']);
  });

  it('is refused without tokens', () => {
    expect(() => new AuthorizationCodeAuth({ ...credentials(), tokens: {} as OAuthTokens })).toThrow(AuthError);
  });

  it('acts for a rider on redeem through userAuth', async () => {
    const client = new VoucherProgramsClient({
      baseUrl: api.url,
      organizationId: 'org-1',
      auth: { type: 'token', token: 'org-token' },
      userAuth: new AuthorizationCodeAuth({ ...credentials(), tokens: await signIn(Date.now) }),
      retry: false,
    });
    await client.redeem.redeemVoucherCode({ body: { code_text: 'K7Q2ZP' } });
    expect(api.apiRequests()[0]).toMatchObject({ url: '/v1.2/me/vouchers/redeem', headers: { authorization: 'Bearer access-1' } });
  });
});
