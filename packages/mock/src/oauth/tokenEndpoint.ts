import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createMemoryTokenStore } from './memoryTokenStore.js';
import { createRateWindow } from './rateWindow.js';
import {
  voucherScopes,
  type GrantType,
  type IssuedToken,
  type OAuthClient,
  type OAuthErrorCode,
  type TokenAnswer,
  type TokenStore,
} from './tokenTypes.js';

export interface TokenEndpointOptions {
  /** Milliseconds since the epoch; `Date.now` by default. A test clock makes expiry and the hourly limit testable. */
  now?: () => number;
  /** Registered apps. Without them any id and secret get a token, as a contract mock should allow. */
  clients?: readonly OAuthClient[];
  /** Where issued tokens live; in memory by default. */
  store?: TokenStore;
  /** Token lifetime in seconds; Uber's is 30 days. */
  expiresInSeconds?: number;
  /** Token requests per app and hour before a 429 `too_many_requests`; Uber's limit is 100. */
  requestsPerHour?: number;
  /** Makes the opaque token and code strings; random by default. */
  newSecret?: () => string;
}

export interface TokenEndpoint {
  /** Answers one token request from its form fields (and the credentials of an HTTP Basic header, if any). */
  exchange(form: URLSearchParams, basic?: { clientId: string; clientSecret: string }): TokenAnswer;
  /** Records an organization's consent and returns the code the authorization code grant exchanges. */
  authorize(consent: { clientId: string; scopes: readonly string[]; redirectUri?: string }): string;
  /** The token if this endpoint issued it and it has not expired. */
  verify(accessToken: string): IssuedToken | undefined;
}

const uberTokenLifetimeSeconds = 30 * 24 * 60 * 60;
const codeLifetimeMs = 10 * 60 * 1000;

// Which scopes each grant can carry: app tokens act for the organization, code tokens for a user.
const scopesByGrant: Record<GrantType, readonly string[]> = {
  client_credentials: [voucherScopes.organization, voucherScopes.aggregator],
  authorization_code: [voucherScopes.delegated, voucherScopes.redeem],
  refresh_token: [voucherScopes.delegated, voucherScopes.redeem],
};

class OAuthRefusal extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    description: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(description);
  }
}

function refuse(error: OAuthErrorCode, description: string): never {
  throw new OAuthRefusal(error, description);
}

const statusOf: Record<OAuthErrorCode, 400 | 401 | 429> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  invalid_scope: 400,
  unsupported_grant_type: 400,
  too_many_requests: 429,
};

/** Uber's OAuth token endpoint (`POST /oauth/v2/token`) as plain logic: no HTTP, no globals. */
export function createTokenEndpoint(options: TokenEndpointOptions = {}): TokenEndpoint {
  const now = options.now ?? Date.now;
  const store = options.store ?? createMemoryTokenStore();
  const lifetimeSeconds = options.expiresInSeconds ?? uberTokenLifetimeSeconds;
  const newSecret = options.newSecret ?? (() => randomBytes(24).toString('base64url'));
  const rateWindow = createRateWindow(options.requestsPerHour ?? 100, 60 * 60 * 1000, now);
  const clients = options.clients ? new Map(options.clients.map((client) => [client.clientId, client])) : undefined;

  function single(form: URLSearchParams, name: string): string | undefined {
    const values = form.getAll(name);
    if (values.length > 1) refuse('invalid_request', `${name} is given more than once`);
    return values[0] === '' ? undefined : values[0];
  }

  function authenticate(form: URLSearchParams, basic: { clientId: string; clientSecret: string } | undefined): OAuthClient {
    const formId = single(form, 'client_id');
    const formSecret = single(form, 'client_secret');
    if (basic && (formId !== undefined || formSecret !== undefined) && formId !== basic.clientId) {
      refuse('invalid_request', 'send the client credentials either in the form or in an Authorization header, not both');
    }
    const clientId = basic?.clientId ?? formId;
    const clientSecret = basic?.clientSecret ?? formSecret;
    if (clientId === undefined) refuse('invalid_client', 'client_id is missing');
    if (clientSecret === undefined) refuse('invalid_client', 'client_secret is missing');
    if (!clients) return { clientId, clientSecret };
    const client = clients.get(clientId);
    // The same answer for an unknown id and a wrong secret, so neither can be probed.
    if (!client || !sameSecret(client.clientSecret, clientSecret)) refuse('invalid_client', 'unknown client_id or wrong client_secret');
    return client;
  }

  function grantedScopes(grant: GrantType, client: OAuthClient, requested: string | undefined, fallback: readonly string[]): string[] {
    const scopes = requested === undefined ? [...fallback] : requested.split(' ').filter((scope) => scope !== '');
    if (scopes.length === 0) refuse('invalid_scope', 'scope is empty');
    const allowed = scopesByGrant[grant].filter((scope) => !client.scopes || client.scopes.includes(scope));
    const refused = scopes.filter((scope) => !allowed.includes(scope));
    if (refused.length > 0) {
      refuse('invalid_scope', `${grant} cannot grant ${refused.join(' ')}; it grants ${allowed.join(' ') || 'no scope to this client'}`);
    }
    return [...new Set(scopes)];
  }

  function issue(grant: GrantType, clientId: string, scopes: readonly string[]): TokenAnswer {
    const token: IssuedToken = { accessToken: newSecret(), clientId, scopes, grantType: grant, expiresAt: now() + lifetimeSeconds * 1000 };
    // App tokens are simply requested again; only tokens that stand for a user's consent get a refresh token.
    if (grant !== 'client_credentials') token.refreshToken = newSecret();
    store.saveToken(token);
    return {
      status: 200,
      body: {
        access_token: token.accessToken,
        token_type: 'Bearer',
        expires_in: lifetimeSeconds,
        scope: scopes.join(' '),
        ...(token.refreshToken ? { refresh_token: token.refreshToken } : {}),
      },
    };
  }

  function grantToken(form: URLSearchParams, basic: { clientId: string; clientSecret: string } | undefined): TokenAnswer {
    const grant = single(form, 'grant_type');
    if (grant === undefined) refuse('invalid_request', 'grant_type is missing');
    if (!(grant in scopesByGrant)) {
      refuse('unsupported_grant_type', `grant_type ${grant} is not supported; use client_credentials, authorization_code or refresh_token`);
    }
    const client = authenticate(form, basic);
    const wait = rateWindow.take(client.clientId);
    if (wait !== undefined) throw new OAuthRefusal('too_many_requests', 'more than the allowed token requests this hour; cache the token until it expires', wait);
    const requested = single(form, 'scope');
    switch (grant as GrantType) {
      case 'client_credentials':
        return issue('client_credentials', client.clientId, grantedScopes('client_credentials', client, requested, [voucherScopes.organization]));
      case 'authorization_code': {
        const code = single(form, 'code');
        if (code === undefined) refuse('invalid_request', 'code is missing');
        const redirectUri = single(form, 'redirect_uri');
        if (redirectUri === undefined) refuse('invalid_request', 'redirect_uri is missing');
        const consent = store.takeAuthorizationCode(code);
        if (!consent) {
          // Without registered clients any code stands for a consent, so partners can test the flow end to end.
          if (clients) refuse('invalid_grant', 'the code is unknown or was already used');
          return issue('authorization_code', client.clientId, grantedScopes('authorization_code', client, requested, [voucherScopes.delegated]));
        }
        if (consent.clientId !== client.clientId) refuse('invalid_grant', 'the code was issued to another client');
        if (consent.expiresAt <= now()) refuse('invalid_grant', 'the code has expired');
        if (consent.redirectUri !== undefined && consent.redirectUri !== redirectUri) refuse('invalid_grant', 'redirect_uri differs from the one the code was issued for');
        const scopes = grantedScopes('authorization_code', client, requested, consent.scopes);
        if (scopes.some((scope) => !consent.scopes.includes(scope))) refuse('invalid_scope', `the consent covers only ${consent.scopes.join(' ')}`);
        return issue('authorization_code', client.clientId, scopes);
      }
      case 'refresh_token': {
        const refreshToken = single(form, 'refresh_token');
        if (refreshToken === undefined) refuse('invalid_request', 'refresh_token is missing');
        const previous = store.takeRefreshToken(refreshToken);
        if (!previous) refuse('invalid_grant', 'the refresh token is unknown or was already used');
        if (previous.clientId !== client.clientId) refuse('invalid_grant', 'the refresh token was issued to another client');
        const scopes = grantedScopes('refresh_token', client, requested, previous.scopes);
        // A refresh may narrow the scope, never widen it (RFC 6749, section 6).
        if (scopes.some((scope) => !previous.scopes.includes(scope))) refuse('invalid_scope', `the refresh token covers only ${previous.scopes.join(' ')}`);
        return issue('refresh_token', client.clientId, scopes);
      }
    }
    return refuse('unsupported_grant_type', `grant_type ${grant} is not supported`);
  }

  return {
    exchange(form, basic) {
      try {
        return grantToken(form, basic);
      } catch (error) {
        if (!(error instanceof OAuthRefusal)) throw error;
        const answer: TokenAnswer = { status: statusOf[error.error], body: { error: error.error, error_description: error.message } };
        if (error.retryAfterSeconds !== undefined) answer.retryAfterSeconds = error.retryAfterSeconds;
        return answer;
      }
    },
    authorize(consent) {
      const code = newSecret();
      store.saveAuthorizationCode({ code, ...consent, expiresAt: now() + codeLifetimeMs });
      return code;
    },
    verify(accessToken) {
      const token = store.findToken(accessToken);
      return token && token.expiresAt > now() ? token : undefined;
    },
  };
}

/** Compares secrets in constant time; hashing first keeps even the length from showing. */
function sameSecret(expected: string, given: string): boolean {
  const digest = (secret: string) => new Uint8Array(createHash('sha256').update(secret).digest());
  return timingSafeEqual(digest(expected), digest(given));
}
