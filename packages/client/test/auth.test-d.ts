import { expectTypeOf, test } from 'vitest';
import { AuthError, VoucherProgramsClient, type Auth, type AuthErrorCode } from '../src/index.js';
import { loggingFetch, type HttpExchange } from '../src/logging.js';
import { AuthorizationCodeAuth, authorizeUrl, consentUrl, exchangeCode, parseConsentCallback, revokeUrl, type OAuthTokens } from '../src/oauth/index.js';
import { RateLimits, type RateLimit } from '../src/rate-limit.js';

declare const tokens: OAuthTokens;

test('every auth variant is an Auth, and each is checked for what it needs', () => {
  expectTypeOf({ type: 'clientCredentials', clientId: 'a', clientSecret: 's' } as const).toMatchTypeOf<Auth>();
  expectTypeOf({ type: 'clientCredentials', clientId: 'a', clientSecret: 's', scopes: ['organizations.voucher_programs.aggregator'], tokenUrl: 'http://x' } as const).toMatchTypeOf<Auth>();
  expectTypeOf({ type: 'token', token: 't' } as const).toMatchTypeOf<Auth>();
  expectTypeOf({ type: 'tokenProvider', getToken: async ({ forceRefresh }: { forceRefresh: boolean }) => String(forceRefresh) } as const).toMatchTypeOf<Auth>();
  expectTypeOf(new AuthorizationCodeAuth({ clientId: 'a', clientSecret: 's', tokens })).toMatchTypeOf<Auth>();

  // @ts-expect-error client credentials need a secret
  new VoucherProgramsClient({ baseUrl: 'http://x', auth: { type: 'clientCredentials', clientId: 'a' } });
  // @ts-expect-error a static token needs the token
  new VoucherProgramsClient({ baseUrl: 'http://x', auth: { type: 'token' } });
  // @ts-expect-error there is no such auth type
  new VoucherProgramsClient({ baseUrl: 'http://x', auth: { type: 'password', token: 't' } });
  // @ts-expect-error AuthorizationCodeAuth needs the tokens
  new AuthorizationCodeAuth({ clientId: 'a', clientSecret: 's' });
  // @ts-expect-error onTokens receives OAuthTokens, not a string
  new AuthorizationCodeAuth({ clientId: 'a', clientSecret: 's', tokens, onTokens: (value: string) => value });
  new VoucherProgramsClient({ baseUrl: 'http://x', auth: new AuthorizationCodeAuth({ clientId: 'a', clientSecret: 's', tokens }), userAuth: new AuthorizationCodeAuth({ clientId: 'a', clientSecret: 's', tokens }) });
});

test('the OAuth helpers and their results', async () => {
  expectTypeOf(await exchangeCode({ clientId: 'a', clientSecret: 's', code: 'c', redirectUri: 'https://x' })).toEqualTypeOf<OAuthTokens>();
  expectTypeOf(tokens.accessToken).toEqualTypeOf<string>();
  expectTypeOf(tokens.refreshToken).toEqualTypeOf<string | undefined>();
  expectTypeOf(authorizeUrl).returns.toEqualTypeOf<string>();
  expectTypeOf(parseConsentCallback('https://x')).toEqualTypeOf<{ organizationId: string }>();
  // @ts-expect-error every consent parameter is mandatory
  consentUrl({ clientId: 'a', redirectUri: 'https://x' });
  // @ts-expect-error revoking needs the organization
  revokeUrl({ clientId: 'a', redirectUri: 'https://x', appName: 'n' });
  // @ts-expect-error the authorize URL needs a state
  authorizeUrl({ clientId: 'a', redirectUri: 'https://x', scopes: ['vouchers.redeem'] });
});

test('AuthError codes are a closed union; logging and rate limits are typed', () => {
  expectTypeOf<AuthError['code']>().toEqualTypeOf<AuthErrorCode>();
  expectTypeOf<'invalid_grant'>().toMatchTypeOf<AuthErrorCode>();
  expectTypeOf<'too_many_requests'>().toMatchTypeOf<AuthErrorCode>();
  expectTypeOf<'nonsense'>().not.toMatchTypeOf<AuthErrorCode>();
  expectTypeOf(new RateLimits().last).toEqualTypeOf<RateLimit | undefined>();
  new VoucherProgramsClient({ baseUrl: 'http://x', fetch: new RateLimits({ waitForReset: true }).fetch(loggingFetch((exchange) => expectTypeOf(exchange).toEqualTypeOf<HttpExchange>())) });
});
