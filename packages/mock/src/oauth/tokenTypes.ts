/** The scopes Uber's token endpoint hands out for this API. */
export const voucherScopes = {
  organization: 'organizations.voucher_programs',
  delegated: 'organizations.voucher_programs.delegated',
  aggregator: 'organizations.voucher_programs.aggregator',
  redeem: 'vouchers.redeem',
} as const;

export type GrantType = 'client_credentials' | 'authorization_code' | 'refresh_token';

/** A registered app. With `clients` given, the endpoint refuses every other id or secret. */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** The scopes this app may ask for; every scope of the grant when omitted. */
  scopes?: readonly string[];
}

/** An access token as the endpoint issued it. */
export interface IssuedToken {
  accessToken: string;
  clientId: string;
  scopes: readonly string[];
  grantType: GrantType;
  /** Milliseconds since the epoch, on the endpoint's clock. */
  expiresAt: number;
  refreshToken?: string;
}

/** A consent waiting to be exchanged for a token (the authorization code grant). */
export interface AuthorizationCode {
  code: string;
  clientId: string;
  scopes: readonly string[];
  redirectUri?: string;
  expiresAt: number;
}

/**
 * Where issued tokens live. The in-memory store serves one mock; a stateful server can keep
 * tokens beside its other state by passing its own.
 */
export interface TokenStore {
  saveToken(token: IssuedToken): void;
  findToken(accessToken: string): IssuedToken | undefined;
  /** Removes and returns the token a refresh token belongs to: refresh tokens are single use. */
  takeRefreshToken(refreshToken: string): IssuedToken | undefined;
  saveAuthorizationCode(code: AuthorizationCode): void;
  /** Removes and returns the code: codes are single use. */
  takeAuthorizationCode(code: string): AuthorizationCode | undefined;
}

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'unsupported_grant_type'
  | 'too_many_requests';

/** The token endpoint's answer, success or OAuth error, before it is written to HTTP. */
export type TokenAnswer =
  | {
      status: 200;
      body: { access_token: string; token_type: 'Bearer'; expires_in: number; scope: string; refresh_token?: string };
    }
  | { status: 400 | 401 | 429; body: { error: OAuthErrorCode; error_description: string }; retryAfterSeconds?: number };
