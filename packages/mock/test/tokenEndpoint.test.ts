import { describe, expect, test } from 'vitest';
import { createTokenEndpoint, voucherScopes, type TokenAnswer } from '../src/index.js';

/** A clock the test moves by hand. */
function testClock(start = Date.UTC(2026, 0, 1)) {
  let time = start;
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

function counter() {
  let next = 0;
  return () => `secret-${++next}`;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const app = { client_id: 'app-1', client_secret: 'shh' };

function errorOf(answer: TokenAnswer): string | undefined {
  return answer.status === 200 ? undefined : answer.body.error;
}

describe('client_credentials', () => {
  test('any id and secret get a Bearer token for the organization scope when no clients are registered', () => {
    const endpoint = createTokenEndpoint({ newSecret: counter() });
    const answer = endpoint.exchange(form({ ...app, grant_type: 'client_credentials', scope: voucherScopes.organization }));
    expect(answer).toEqual({
      status: 200,
      body: { access_token: 'secret-1', token_type: 'Bearer', expires_in: 2_592_000, scope: 'organizations.voucher_programs' },
    });
    expect(endpoint.verify('secret-1')?.scopes).toEqual(['organizations.voucher_programs']);
  });

  test('scope defaults to the organization scope; a user scope is invalid_scope', () => {
    const endpoint = createTokenEndpoint();
    const answer = endpoint.exchange(form({ ...app, grant_type: 'client_credentials' }));
    expect(answer.status === 200 && answer.body.scope).toBe(voucherScopes.organization);
    expect(errorOf(endpoint.exchange(form({ ...app, grant_type: 'client_credentials', scope: 'vouchers.redeem' })))).toBe('invalid_scope');
    expect(errorOf(endpoint.exchange(form({ ...app, grant_type: 'client_credentials', scope: 'profile' })))).toBe('invalid_scope');
  });

  test('registered clients: a wrong secret and an unknown id get the same 401 invalid_client', () => {
    const endpoint = createTokenEndpoint({ clients: [{ clientId: 'app-1', clientSecret: 'right' }] });
    const wrongSecret = endpoint.exchange(form({ client_id: 'app-1', client_secret: 'wrong', grant_type: 'client_credentials' }));
    const unknownId = endpoint.exchange(form({ client_id: 'app-2', client_secret: 'right', grant_type: 'client_credentials' }));
    expect(wrongSecret).toEqual(unknownId);
    expect(wrongSecret.status).toBe(401);
    expect(errorOf(wrongSecret)).toBe('invalid_client');
    expect(endpoint.exchange(form({ client_id: 'app-1', client_secret: 'right', grant_type: 'client_credentials' })).status).toBe(200);
  });

  test('a registered client gets only its own scopes', () => {
    const endpoint = createTokenEndpoint({ clients: [{ clientId: 'app-1', clientSecret: 'shh', scopes: [voucherScopes.aggregator] }] });
    expect(errorOf(endpoint.exchange(form({ ...app, grant_type: 'client_credentials', scope: voucherScopes.organization })))).toBe('invalid_scope');
    expect(endpoint.exchange(form({ ...app, grant_type: 'client_credentials', scope: voucherScopes.aggregator })).status).toBe(200);
  });

  test('credentials in a Basic header count like form fields', () => {
    const endpoint = createTokenEndpoint({ clients: [{ clientId: 'app-1', clientSecret: 'shh' }] });
    expect(endpoint.exchange(form({ grant_type: 'client_credentials' }), { clientId: 'app-1', clientSecret: 'shh' }).status).toBe(200);
  });
});

describe('request errors', () => {
  const endpoint = createTokenEndpoint();
  test.each([
    [{ ...app }, 'invalid_request', /grant_type is missing/],
    [{ ...app, grant_type: 'password' }, 'unsupported_grant_type', /password/],
    [{ client_secret: 'shh', grant_type: 'client_credentials' }, 'invalid_client', /client_id/],
    [{ client_id: 'app-1', grant_type: 'client_credentials' }, 'invalid_client', /client_secret/],
    [{ ...app, grant_type: 'client_credentials', scope: '  ' }, 'invalid_scope', /empty/],
    [{ ...app, grant_type: 'authorization_code', redirect_uri: 'https://app.example/cb' }, 'invalid_request', /code is missing/],
    [{ ...app, grant_type: 'authorization_code', code: 'c' }, 'invalid_request', /redirect_uri/],
    [{ ...app, grant_type: 'refresh_token' }, 'invalid_request', /refresh_token is missing/],
    [{ ...app, grant_type: 'refresh_token', refresh_token: 'never-issued' }, 'invalid_grant', /unknown/],
  ])('%o → %s', (fields, error, description) => {
    const answer = endpoint.exchange(form(fields as Record<string, string>));
    expect(answer.status).toBe(error === 'invalid_client' ? 401 : 400);
    expect(answer.body).toEqual({ error, error_description: expect.stringMatching(description) });
  });

  test('a parameter given twice is invalid_request', () => {
    const fields = form({ ...app, grant_type: 'client_credentials' });
    fields.append('grant_type', 'client_credentials');
    expect(errorOf(endpoint.exchange(fields))).toBe('invalid_request');
  });
});

describe('authorization_code and refresh_token', () => {
  test('a recorded consent is exchanged once for a token with a refresh token, which is itself single use', () => {
    const endpoint = createTokenEndpoint({ clients: [{ clientId: 'app-1', clientSecret: 'shh' }], newSecret: counter() });
    const code = endpoint.authorize({ clientId: 'app-1', scopes: [voucherScopes.delegated], redirectUri: 'https://app.example/cb' });
    const exchangeCode = () => endpoint.exchange(form({ ...app, grant_type: 'authorization_code', code, redirect_uri: 'https://app.example/cb' }));
    const first = exchangeCode();
    expect(first).toEqual({
      status: 200,
      body: { access_token: 'secret-2', token_type: 'Bearer', expires_in: 2_592_000, scope: voucherScopes.delegated, refresh_token: 'secret-3' },
    });
    expect(errorOf(exchangeCode())).toBe('invalid_grant');

    const refresh = () => endpoint.exchange(form({ ...app, grant_type: 'refresh_token', refresh_token: 'secret-3' }));
    const refreshed = refresh();
    expect(refreshed.status === 200 && refreshed.body).toMatchObject({ access_token: 'secret-4', refresh_token: 'secret-5', scope: voucherScopes.delegated });
    expect(errorOf(refresh())).toBe('invalid_grant');
  });

  test('a code for another client, another redirect_uri, or past its ten minutes is invalid_grant', () => {
    const clock = testClock();
    const endpoint = createTokenEndpoint({ now: clock.now, clients: [{ clientId: 'app-1', clientSecret: 'shh' }, { clientId: 'app-2', clientSecret: 'shh' }] });
    const consent = { clientId: 'app-1', scopes: [voucherScopes.delegated], redirectUri: 'https://app.example/cb' };
    const other = endpoint.authorize(consent);
    expect(endpoint.exchange(form({ client_id: 'app-2', client_secret: 'shh', grant_type: 'authorization_code', code: other, redirect_uri: consent.redirectUri })).body)
      .toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/another client/) });
    const redirected = endpoint.authorize(consent);
    expect(errorOf(endpoint.exchange(form({ ...app, grant_type: 'authorization_code', code: redirected, redirect_uri: 'https://evil.example/cb' })))).toBe('invalid_grant');
    const late = endpoint.authorize(consent);
    clock.advance(10 * 60 * 1000);
    expect(endpoint.exchange(form({ ...app, grant_type: 'authorization_code', code: late, redirect_uri: consent.redirectUri })).body)
      .toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/expired/) });
  });

  test('without registered clients any code stands for a consent; with them an unknown code is invalid_grant', () => {
    const fields = form({ ...app, grant_type: 'authorization_code', code: 'from-the-redirect', redirect_uri: 'https://app.example/cb' });
    expect(createTokenEndpoint().exchange(fields).status).toBe(200);
    expect(errorOf(createTokenEndpoint({ clients: [{ clientId: 'app-1', clientSecret: 'shh' }] }).exchange(fields))).toBe('invalid_grant');
  });

  test('a refresh may narrow the scope, never widen it', () => {
    const endpoint = createTokenEndpoint({ newSecret: counter() });
    const first = endpoint.exchange(form({ ...app, grant_type: 'authorization_code', code: 'c', redirect_uri: 'https://app.example/cb', scope: voucherScopes.delegated }));
    const refreshToken = first.status === 200 ? first.body.refresh_token! : '';
    const widened = endpoint.exchange(form({ ...app, grant_type: 'refresh_token', refresh_token: refreshToken, scope: `${voucherScopes.delegated} ${voucherScopes.redeem}` }));
    expect(errorOf(widened)).toBe('invalid_scope');
  });
});

describe('expiry and the hourly limit, on the injected clock', () => {
  test('a token stops verifying when its lifetime has passed', () => {
    const clock = testClock();
    const endpoint = createTokenEndpoint({ now: clock.now, expiresInSeconds: 60, newSecret: counter() });
    endpoint.exchange(form({ ...app, grant_type: 'client_credentials' }));
    clock.advance(59_999);
    expect(endpoint.verify('secret-1')).toBeDefined();
    clock.advance(1);
    expect(endpoint.verify('secret-1')).toBeUndefined();
  });

  test('the 101st request of an hour from one app is 429 too_many_requests with Retry-After; an hour later it passes', () => {
    const clock = testClock();
    const endpoint = createTokenEndpoint({ now: clock.now });
    const ask = (clientId: string) => endpoint.exchange(form({ client_id: clientId, client_secret: 's', grant_type: 'client_credentials' }));
    for (let count = 0; count < 100; count += 1) {
      expect(ask('app-1').status).toBe(200);
      clock.advance(1000);
    }
    const refused = ask('app-1');
    expect(refused).toMatchObject({ status: 429, body: { error: 'too_many_requests' }, retryAfterSeconds: 3600 - 100 });
    expect(ask('app-2').status).toBe(200); // the limit is per app
    clock.advance((3600 - 100) * 1000 - 1);
    expect(ask('app-1').status).toBe(429); // a millisecond before Retry-After is over
    clock.advance(1);
    expect(ask('app-1').status).toBe(200); // the first request has left the window
  });
});
