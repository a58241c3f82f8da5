import { AuthError } from './errors.js';
import { uberTokenUrl, type TokenEndpoint } from './token-endpoint.js';

export { uberTokenUrl };

/** How the client authenticates. Secrets are kept in private fields: never logged, printed or inspected. */
export type Auth =
  | {
      /** OAuth client credentials: one cached token, shared by every concurrent call. */
      type: 'clientCredentials';
      clientId: string;
      clientSecret: string;
      /** Default `['organizations.voucher_programs']`. */
      scopes?: readonly string[];
      /** Default Uber's token endpoint. */
      tokenUrl?: string;
    }
  | { type: 'token'; token: string }
  | {
      /**
       * Your own source of tokens (a vault), or `new AuthorizationCodeAuth(…)` from
       * `@voucher-programs/client/oauth`; called before every attempt, so answer from a cache.
       */
      type: 'tokenProvider';
      getToken: (context: { forceRefresh: boolean }) => string | Promise<string>;
    };

/** What the transport asks for a token before each attempt. */
export interface TokenSource {
  /** A string when the token is at hand (a static or cached one), so most calls wait for nothing. */
  token(signal?: AbortSignal): string | Promise<string>;
  /** Forgets `stale` if it is still current; true when asking again can yield a different token. */
  invalidate(stale: string): boolean;
}

/** Lets one caller stop waiting for a token that other callers still share. */
function raceAbort<T>(shared: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return shared;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    shared.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}

/** A static token: asking again cannot change it, so a 401 is final. */
class StaticToken implements TokenSource {
  readonly #token: string;

  constructor(token: string) {
    this.#token = token;
  }

  token(): string {
    return this.#token;
  }

  invalidate(): boolean {
    return false;
  }
}

/** A provider's tokens. */
class ProvidedTokens implements TokenSource {
  readonly #getToken: (context: { forceRefresh: boolean }) => string | Promise<string>;
  #last: string | undefined;
  #refreshing: Promise<string> | undefined;
  #forceRefresh = false;

  constructor(getToken: (context: { forceRefresh: boolean }) => string | Promise<string>) {
    this.#getToken = getToken;
  }

  async #ask(forceRefresh: boolean): Promise<string> {
    let token: string;
    try {
      token = await this.#getToken({ forceRefresh });
    } catch (error) {
      // A refresh that reached the token endpoint already says what failed (invalid_grant…).
      throw error instanceof AuthError ? error : new AuthError('the token provider failed', { cause: error });
    }
    if (typeof token !== 'string' || !token) throw new AuthError('the token provider returned no token');
    this.#last = token;
    return token;
  }

  token(signal?: AbortSignal): Promise<string> {
    if (!this.#forceRefresh) return this.#ask(false);
    // Callers that saw the same 401 share one forced refresh.
    this.#refreshing ??= this.#ask(true).finally(() => {
      this.#forceRefresh = false;
      this.#refreshing = undefined;
    });
    return raceAbort(this.#refreshing, signal);
  }

  invalidate(stale: string): boolean {
    if (stale === this.#last) this.#forceRefresh = true;
    return true;
  }
}

class ClientCredentialsTokens implements TokenSource {
  readonly #grant: Record<string, string>;
  readonly #endpoint: TokenEndpoint;
  #cached: { token: string; refreshAt: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(auth: Extract<Auth, { type: 'clientCredentials' }>, endpoint: (url: string) => TokenEndpoint) {
    if (!auth.clientId || !auth.clientSecret) throw new AuthError('client credentials need a clientId and a clientSecret');
    this.#grant = {
      client_id: auth.clientId,
      client_secret: auth.clientSecret,
      grant_type: 'client_credentials',
      scope: (auth.scopes ?? ['organizations.voucher_programs']).join(' '),
    };
    this.#endpoint = endpoint(auth.tokenUrl ?? uberTokenUrl);
  }

  token(signal?: AbortSignal): string | Promise<string> {
    const cached = this.#cached;
    if (cached && Date.now() < cached.refreshAt) return cached.token;
    // The token endpoint takes 100 requests an hour: concurrent callers share one request.
    this.#pending ??= this.#endpoint
      .request(this.#grant)
      .then((answer) => {
        const lifetimeMs = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in * 1000 : Infinity;
        // Refresh a little before expiry (a minute, or a tenth of a short lifetime) so no call carries a dying token.
        this.#cached = { token: answer.access_token, refreshAt: Date.now() + lifetimeMs - Math.min(60_000, lifetimeMs / 10) };
        return answer.access_token;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    return raceAbort(this.#pending, signal);
  }

  invalidate(stale: string): boolean {
    if (this.#cached?.token === stale) this.#cached = undefined;
    return true;
  }
}

export function tokenSourceFor(auth: Auth, endpoint: (url: string) => TokenEndpoint): TokenSource {
  switch (auth.type) {
    case 'clientCredentials':
      return new ClientCredentialsTokens(auth, endpoint);
    case 'token':
      if (typeof auth.token !== 'string' || !auth.token) throw new AuthError('the static token is empty');
      return new StaticToken(auth.token);
    case 'tokenProvider':
      return new ProvidedTokens(auth.getToken);
    default:
      throw new AuthError(`unknown auth type ${String((auth as { type?: unknown }).type)}`);
  }
}
