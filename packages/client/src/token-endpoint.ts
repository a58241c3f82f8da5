import { AuthError } from './errors.js';
import { transportErrorFrom } from './error-mapping.js';
import { serverRequestedDelayMs } from './retry.js';
import type { FetchLike } from './transport.js';

/** Where Uber issues tokens; tests and mocks point `tokenUrl` elsewhere. */
export const uberTokenUrl = 'https://auth.uber.com/oauth/v2/token';

/** A token endpoint's success answer (RFC 6749 §5.1). */
export interface TokenAnswer {
  access_token: string;
  token_type?: string;
  /** Seconds. */
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
}

/** After a 429 without Retry-After, no token request for this long: the budget is hourly, so asking again at once only spends more of it. */
const defaultTooManyRequestsMs = 60_000;

/**
 * Uber's token endpoint: form-encoded grants in, a token or an OAuth error out. It remembers a 429
 * (`too_many_requests`, 100 requests an hour) and refuses locally until Retry-After has passed, so
 * no caller can turn a refusal into a storm of requests that each spend the hourly budget.
 */
export class TokenEndpoint {
  readonly #url: string;
  readonly #fetch: FetchLike;
  readonly #timeoutMs: number;
  #blockedUntil = 0;

  constructor(url: string, fetchImpl: FetchLike, timeoutMs: number) {
    this.#url = url;
    this.#fetch = fetchImpl;
    this.#timeoutMs = timeoutMs;
  }

  async request(grant: Record<string, string>): Promise<TokenAnswer> {
    const blockedMs = this.#blockedUntil - Date.now();
    if (blockedMs > 0) {
      throw tooManyRequests(429, blockedMs);
    }
    const request = new Request(this.#url, {
      method: 'POST',
      // A URLSearchParams body sets Content-Type: application/x-www-form-urlencoded by itself.
      body: new URLSearchParams(grant),
    });
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(request, this.#timeoutMs < 2 ** 31 ? { signal: AbortSignal.timeout(this.#timeoutMs) } : undefined);
      text = await response.text();
    } catch (error) {
      throw transportErrorFrom(error, 'token', undefined);
    }
    const status = response.status;
    let answer: Record<string, unknown> | undefined;
    try {
      answer = JSON.parse(text) as Record<string, unknown>;
    } catch {
      answer = undefined;
    }
    // Only the error code is kept: error_description may echo what was sent, the secret included.
    const oauthError = typeof answer?.error === 'string' ? answer.error : undefined;
    if (status === 429 || oauthError === 'too_many_requests') {
      const retryAfterMs = serverRequestedDelayMs(response.headers, response.status) ?? defaultTooManyRequestsMs;
      this.#blockedUntil = Date.now() + retryAfterMs;
      throw tooManyRequests(status, retryAfterMs);
    }
    if (status < 200 || status > 299 || oauthError) {
      throw new AuthError(`the token request failed: ${status}${oauthError ? ` ${oauthError}` : ''}`, { status, oauthError });
    }
    if (typeof answer?.access_token !== 'string' || !answer.access_token) {
      throw new AuthError('the token endpoint answered without an access_token', { code: 'invalid_token_answer', status });
    }
    return answer as unknown as TokenAnswer;
  }
}

function tooManyRequests(status: number, retryAfterMs: number): AuthError {
  return new AuthError(`the token request failed: ${status} too_many_requests; none sent for ${Math.ceil(retryAfterMs / 1000)} s`, {
    status,
    oauthError: 'too_many_requests',
    retryAfterMs,
  });
}
