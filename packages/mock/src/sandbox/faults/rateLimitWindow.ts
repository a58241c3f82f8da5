export interface RateLimitWindowOptions {
  /** Requests a window allows: Uber's platform default, 500. */
  limit?: number;
  /** Window length: Uber's platform default, 5 s. */
  windowMs?: number;
  /**
   * Wall-clock milliseconds, not the sandbox clock: a rate limit is about how fast requests come
   * in, and a client compares `X-Rate-Limit-Reset` with its own clock. Under a manual sandbox
   * clock set to another day, sandbox time would make every window last forever.
   */
  now: () => number;
}

/** The `X-Rate-Limit-*` headers Uber puts on every answer. */
export interface RateLimitHeaders {
  'X-Rate-Limit-Limit': string;
  'X-Rate-Limit-Remaining': string;
  /** The window's end, in Unix seconds (rounded up). */
  'X-Rate-Limit-Reset': string;
}

export interface RateLimitWindow {
  /** Counts one request of `key` (an app, a token) and returns the headers for its answer. */
  take(key?: string): RateLimitHeaders;
  readonly limit: number;
}

/**
 * Fixed windows aligned on the clock, counted per key. The sandbox reports the count but does
 * not refuse calls over it (a 429 is a fault you ask for), so long test suites are never throttled.
 */
export function createRateLimitWindow(options: RateLimitWindowOptions): RateLimitWindow {
  const limit = options.limit ?? 500;
  const windowMs = options.windowMs ?? 5_000;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError('limit must be an integer ≥ 1.');
  if (!Number.isSafeInteger(windowMs) || windowMs < 1_000) throw new RangeError('windowMs must be an integer ≥ 1000.');
  let windowStart = Number.NEGATIVE_INFINITY;
  // Reset with each window, so the map holds only the keys seen in the current one.
  let counts = new Map<string, number>();

  return {
    limit,
    take(key = '') {
      const now = options.now();
      const start = Math.floor(now / windowMs) * windowMs;
      if (start !== windowStart) {
        windowStart = start;
        counts = new Map();
      }
      const used = (counts.get(key) ?? 0) + 1;
      counts.set(key, used);
      return {
        'X-Rate-Limit-Limit': String(limit),
        'X-Rate-Limit-Remaining': String(Math.max(0, limit - used)),
        'X-Rate-Limit-Reset': String(Math.ceil((start + windowMs) / 1000)),
      };
    },
  };
}
