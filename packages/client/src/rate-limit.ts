import { resetDelayMs, sleep } from './retry.js';
import type { FetchLike } from './transport.js';

/** The API's `X-Rate-Limit-*` headers as last seen (Uber sends them on every answer). */
export interface RateLimit {
  /** Requests allowed in the window (`X-Rate-Limit-Limit`), when sent. */
  limit: number | undefined;
  /** Requests left in the window, less those sent through this object since, in wait mode. */
  remaining: number;
  /** When the window resets, in ms since the epoch. */
  resetAt: number;
}

/** Time as the wait reads it; tests pass a fake one to check waits without spending them. */
export interface Clock {
  now(): number;
  /** Resolves after ms; rejects with the signal's reason when it fires. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface RateLimitsOptions {
  /**
   * Hold a request back until the window resets when the last answer said none is left, instead
   * of sending one the API would surely refuse with 429. Default false (only track).
   */
  waitForReset?: boolean;
  /** A longer wait is not waited: the request goes out and meets the API's own answer. Default 30 000 ms. */
  maxWaitMs?: number;
  clock?: Clock;
}

const digits = /^\s*\d+\s*$/;

/**
 * Rate-limit awareness as a fetch layer for the client's `fetch` option:
 * `const limits = new RateLimits({ waitForReset: true })`, then
 * `new VoucherProgramsClient({ …, fetch: limits.fetch() })` and read `limits.last`. It sits beneath
 * the client's retries, so each attempt is counted and a wait is bounded by the attempt's
 * timeout and your signal. Only requests to the origin that sent the headers are held back (the
 * token endpoint lives elsewhere).
 */
export class RateLimits {
  readonly #wait: boolean;
  readonly #maxWaitMs: number;
  readonly #clock: Clock;
  #last: (RateLimit & { origin: string }) | undefined;

  constructor(options: RateLimitsOptions = {}) {
    this.#wait = options.waitForReset === true;
    this.#maxWaitMs = options.maxWaitMs ?? 30_000;
    this.#clock = options.clock ?? { now: Date.now, sleep };
  }

  /** The values of the last answer that carried them, or undefined before any. */
  get last(): RateLimit | undefined {
    const last = this.#last;
    return last && { limit: last.limit, remaining: last.remaining, resetAt: last.resetAt };
  }

  /** The layer: pass it as the client's `fetch`. `next` defaults to globalThis.fetch (or a `loggingFetch`). */
  fetch(next: FetchLike = (request, init) => globalThis.fetch(request, init)): FetchLike {
    return async (request, init) => {
      if (this.#wait) {
        const waitMs = this.#reserve(request.url);
        if (waitMs > 0) await this.#clock.sleep(waitMs, init?.signal);
      }
      const response = await next(request, init);
      this.#update(request.url, response.headers);
      return response;
    };
  }

  /** 0 while the window has requests left (this one counted, so concurrent calls do not all take the last), else the wait until the reset. */
  #reserve(url: string): number {
    const last = this.#last;
    if (!last || new URL(url).origin !== last.origin) return 0;
    const waitMs = last.resetAt - this.#clock.now();
    if (waitMs <= 0) return 0;
    if (last.remaining > 0) {
      last.remaining--;
      return 0;
    }
    return waitMs <= this.#maxWaitMs ? waitMs : 0;
  }

  #update(url: string, headers: Headers): void {
    const remaining = headers.get('x-rate-limit-remaining');
    if (remaining === null || !digits.test(remaining)) return;
    const limit = headers.get('x-rate-limit-limit');
    const now = this.#clock.now();
    this.#last = {
      origin: new URL(url).origin,
      limit: limit !== null && digits.test(limit) ? Number(limit) : undefined,
      remaining: Number(remaining),
      resetAt: now + (resetDelayMs(headers.get('x-rate-limit-reset'), now) ?? 0),
    };
  }
}
