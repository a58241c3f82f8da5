import { AuthError } from '../errors.js';
import { TokenEndpoint, uberTokenUrl, type TokenAnswer } from '../token-endpoint.js';
import type { FetchLike } from '../transport.js';

/** What the token endpoint granted, in a shape you can store as JSON and hand back later. */
export interface OAuthTokens {
  accessToken: string;
  /** Absent when the endpoint gave none: such tokens cannot be refreshed. */
  refreshToken?: string;
  /** When the access token expires, in ms since the epoch; absent when the endpoint did not say. */
  expiresAt?: number;
  /** The granted scopes, space-separated. */
  scope?: string;
}

/** Who asks the token endpoint, and how. */
export interface TokenRequestOptions {
  clientId: string;
  clientSecret: string;
  /** Default Uber's token endpoint. */
  tokenUrl?: string;
  /** Default globalThis.fetch. */
  fetch?: FetchLike;
  /** Default 60 000 ms. */
  timeoutMs?: number;
  /** The clock `expiresAt` is computed with. Default Date.now. */
  now?: () => number;
}

export function tokenEndpointFor(options: TokenRequestOptions): TokenEndpoint {
  if (!options.clientId || !options.clientSecret) throw new AuthError('the token endpoint needs a clientId and a clientSecret');
  return new TokenEndpoint(options.tokenUrl ?? uberTokenUrl, options.fetch ?? ((request, init) => globalThis.fetch(request, init)), options.timeoutMs ?? 60_000);
}

/** The stored shape of an answer; a refresh answer without a new refresh token keeps the old one (RFC 6749 §6). */
export function tokensFrom(answer: TokenAnswer, now: number, previousRefreshToken?: string): OAuthTokens {
  const tokens: OAuthTokens = { accessToken: answer.access_token };
  const refreshToken = typeof answer.refresh_token === 'string' && answer.refresh_token ? answer.refresh_token : previousRefreshToken;
  if (refreshToken) tokens.refreshToken = refreshToken;
  if (typeof answer.expires_in === 'number' && answer.expires_in > 0) tokens.expiresAt = now + answer.expires_in * 1000;
  if (typeof answer.scope === 'string') tokens.scope = answer.scope;
  return tokens;
}

/**
 * Trades the `code` Uber put in your redirect for tokens (grant `authorization_code`). Pass the
 * same `redirectUri` as in the authorize URL, and the `codeVerifier` if you sent a code challenge.
 */
export async function exchangeCode(options: TokenRequestOptions & { code: string; redirectUri: string; codeVerifier?: string }): Promise<OAuthTokens> {
  if (!options.code) throw new AuthError('exchangeCode needs the code from the redirect', { code: 'invalid_callback' });
  const grant: Record<string, string> = {
    client_id: options.clientId,
    client_secret: options.clientSecret,
    grant_type: 'authorization_code',
    code: options.code,
    redirect_uri: options.redirectUri,
  };
  if (options.codeVerifier) grant.code_verifier = options.codeVerifier;
  const answer = await tokenEndpointFor(options).request(grant);
  return tokensFrom(answer, (options.now ?? Date.now)());
}

/** Trades a refresh token for new tokens (grant `refresh_token`); the answer may carry a new refresh token: store it. */
export async function refreshTokens(options: TokenRequestOptions & { refreshToken: string }): Promise<OAuthTokens> {
  return refreshWith(tokenEndpointFor(options), options, options.refreshToken, (options.now ?? Date.now));
}

export async function refreshWith(endpoint: TokenEndpoint, client: Pick<TokenRequestOptions, 'clientId' | 'clientSecret'>, refreshToken: string | undefined, now: () => number): Promise<OAuthTokens> {
  if (!refreshToken) throw new AuthError('these tokens hold no refresh token: send the user through the authorize URL again', { code: 'no_refresh_token' });
  const answer = await endpoint.request({
    client_id: client.clientId,
    client_secret: client.clientSecret,
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });
  return tokensFrom(answer, now(), refreshToken);
}
