import { AuthError } from './errors.js';
import { transportErrorFrom } from './error-mapping.js';

/** Where Uber issues tokens; tests and mocks point `tokenUrl` elsewhere. */
export const uberTokenUrl = 'https://auth.uber.com/oauth/v2/token';

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
      /** Your own source of tokens (a vault, an authorization code flow); called before every attempt. */
      type: 'tokenProvider';
      getToken: (context: { forceRefresh: boolean }) => string | Promise<string>;
    };

/** What the transport asks for a token before each attempt. */
export interface TokenSource {
  token(signal?: AbortSignal): Promise<string>;
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

class StaticTokens implements TokenSource {
  readonly #token: string;
  constructor(token: string) {
    if (!token) throw new AuthError('the static token is empty');
    this.#token = token;
  }
  token(): Promise<string> {
    return Promise.resolve(this.#token);
  }
  invalidate(): boolean {
    return false;
  }
}

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
      throw new AuthError('the token provider failed', { cause: error });
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
  readonly #clientId: string;
  readonly #clientSecret: string;
  readonly #scope: string;
  readonly #tokenUrl: string;
  readonly #fetch: (request: Request) => Promise<Response>;
  readonly #timeoutMs: number;
  #cached: { token: string; refreshAt: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(auth: Extract<Auth, { type: 'clientCredentials' }>, fetchImpl: (request: Request) => Promise<Response>, timeoutMs: number) {
    if (!auth.clientId || !auth.clientSecret) throw new AuthError('client credentials need a clientId and a clientSecret');
    this.#clientId = auth.clientId;
    this.#clientSecret = auth.clientSecret;
    this.#scope = (auth.scopes ?? ['organizations.voucher_programs']).join(' ');
    this.#tokenUrl = auth.tokenUrl ?? uberTokenUrl;
    this.#fetch = fetchImpl;
    this.#timeoutMs = timeoutMs;
  }

  token(signal?: AbortSignal): Promise<string> {
    const cached = this.#cached;
    if (cached && Date.now() < cached.refreshAt) return Promise.resolve(cached.token);
    // Uber invalidates the oldest token after 100 new ones an hour: concurrent callers share one request.
    this.#pending ??= this.#request().finally(() => {
      this.#pending = undefined;
    });
    return raceAbort(this.#pending, signal);
  }

  invalidate(stale: string): boolean {
    if (this.#cached?.token === stale) this.#cached = undefined;
    return true;
  }

  async #request(): Promise<string> {
    const body = new URLSearchParams({
      client_id: this.#clientId,
      client_secret: this.#clientSecret,
      grant_type: 'client_credentials',
      scope: this.#scope,
    });
    let status: number;
    let text: string;
    try {
      const response = await this.#fetch(
        new Request(this.#tokenUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
          body,
          signal: this.#timeoutMs < 2 ** 31 ? AbortSignal.timeout(this.#timeoutMs) : null,
        }),
      );
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw transportErrorFrom(error, 'token', undefined);
    }
    let answer: Record<string, unknown> | undefined;
    try {
      answer = JSON.parse(text) as Record<string, unknown>;
    } catch {
      answer = undefined;
    }
    const oauthError = typeof answer?.error === 'string' ? answer.error : undefined;
    if (status < 200 || status > 299) {
      throw new AuthError(`the token request failed: ${status}${oauthError ? ` ${oauthError}` : ''}`, { status, oauthError });
    }
    const token = answer?.access_token;
    if (typeof token !== 'string' || !token) throw new AuthError('the token endpoint answered without an access_token', { status });
    const lifetimeMs = typeof answer?.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in * 1000 : Infinity;
    // Refresh a little before expiry (a minute, or a tenth of a short lifetime) so no call carries a dying token.
    this.#cached = { token, refreshAt: Date.now() + lifetimeMs - Math.min(60_000, lifetimeMs / 10) };
    return token;
  }
}

export function tokenSourceFor(auth: Auth, fetchImpl: (request: Request) => Promise<Response>, timeoutMs: number): TokenSource {
  switch (auth.type) {
    case 'clientCredentials':
      return new ClientCredentialsTokens(auth, fetchImpl, timeoutMs);
    case 'token':
      return new StaticTokens(auth.token);
    case 'tokenProvider':
      return new ProvidedTokens(auth.getToken);
    default:
      throw new AuthError(`unknown auth type ${String((auth as { type?: unknown }).type)}`);
  }
}
