import { AuthError, type AuthErrorCode } from '../errors.js';
import type { TokenEndpoint } from '../token-endpoint.js';
import { refreshWith, tokenEndpointFor, type OAuthTokens, type TokenRequestOptions } from './tokens.js';

/** Refusals that stay refusals: only a new authorization (new tokens) helps. */
const permanent: ReadonlySet<AuthErrorCode> = new Set<AuthErrorCode>(['invalid_grant', 'invalid_client', 'unauthorized_client', 'no_refresh_token']);

export interface AuthorizationCodeAuthOptions extends TokenRequestOptions {
  /** From `exchangeCode`, or as you stored them from `onTokens`. */
  tokens: OAuthTokens;
  /**
   * Called with every new set of tokens before any call uses them. Store them, the refresh token
   * above all: the endpoint may rotate it, and the old one may then stop working. When it throws,
   * the call fails with an AuthError (`auth_setup`), while this object keeps using the new tokens.
   */
  onTokens?: (tokens: OAuthTokens) => void | Promise<void>;
  /** Refresh this long before `expiresAt`. Default 60 000 ms. */
  refreshMarginMs?: number;
}

/**
 * The `auth` (or `userAuth`) of a client acting for a user who authorized your app: an organization
 * admin (`organizations.voucher_programs.delegated`) or a rider (`vouchers.redeem`). It refreshes
 * before expiry and after a 401, with one refresh shared by every concurrent call, and hands each
 * new set of tokens to `onTokens`. The tokens and the secret are private: inspecting or
 * serializing this object shows neither.
 */
export class AuthorizationCodeAuth {
  readonly type = 'tokenProvider' as const;
  readonly #client: Pick<TokenRequestOptions, 'clientId' | 'clientSecret'>;
  readonly #endpoint: TokenEndpoint;
  readonly #onTokens: ((tokens: OAuthTokens) => void | Promise<void>) | undefined;
  readonly #marginMs: number;
  readonly #now: () => number;
  #tokens: OAuthTokens;
  #refreshing: Promise<string> | undefined;
  /** A refusal no retry can change (a revoked refresh token): kept, so calls do not spend the hourly token budget on it. */
  #refused: AuthError | undefined;

  constructor(options: AuthorizationCodeAuthOptions) {
    if (!options.tokens?.accessToken) throw new AuthError('AuthorizationCodeAuth needs tokens with an accessToken (from exchangeCode)');
    this.#endpoint = tokenEndpointFor(options);
    this.#client = { clientId: options.clientId, clientSecret: options.clientSecret };
    this.#onTokens = options.onTokens;
    this.#marginMs = options.refreshMarginMs ?? 60_000;
    this.#now = options.now ?? Date.now;
    this.#tokens = { ...options.tokens };
  }

  /** What the client asks before every attempt: the cached token while it is fresh, else one shared refresh. */
  readonly getToken = ({ forceRefresh }: { forceRefresh: boolean }): string | Promise<string> => {
    if (this.#refused) return Promise.reject(this.#refused);
    if (this.#refreshing) return this.#refreshing;
    const { accessToken, expiresAt } = this.#tokens;
    if (!forceRefresh && (expiresAt === undefined || this.#now() < expiresAt - this.#marginMs)) return accessToken;
    this.#refreshing = this.#refresh().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  };

  async #refresh(): Promise<string> {
    let tokens: OAuthTokens;
    try {
      tokens = await refreshWith(this.#endpoint, this.#client, this.#tokens.refreshToken, this.#now);
    } catch (error) {
      if (error instanceof AuthError && permanent.has(error.code)) this.#refused = error;
      throw error;
    }
    this.#tokens = tokens;
    try {
      await this.#onTokens?.({ ...tokens });
    } catch (error) {
      throw new AuthError('onTokens failed to store the refreshed tokens', { code: 'auth_setup', cause: error });
    }
    return tokens.accessToken;
  }
}
