/** How the client repeats a call that is safe to repeat (the operation's `x-idempotent: true`). */
export interface RetryPolicy {
  /** Repeats after the first attempt. */
  maxRetries: number;
  /** The first backoff; each next one doubles. */
  initialDelayMs: number;
  /** The cap on one backoff. */
  maxDelayMs: number;
  /** A server asking to wait longer than this (Retry-After, X-Rate-Limit-Reset) gets its error instead. */
  maxRetryAfterMs: number;
}

/** The same shape as Stainless-generated SDKs: 2 retries, 0.5 s doubling to 8 s, 25 % jitter. */
export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** 429 and every 5xx: the server did not do the work, or says it may not have. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Exponential backoff with up to 25 % jitter taken off, so many clients do not retry in step. */
export function backoffDelayMs(retryNumber: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const base = Math.min(policy.initialDelayMs * 2 ** retryNumber, policy.maxDelayMs);
  return Math.round(base * (1 - random() * 0.25));
}

/**
 * The wait the server asked for, in ms, or undefined: `Retry-After` in seconds or as an HTTP date,
 * else, on a 429 only, `X-Rate-Limit-Reset`. Uber sends the rate-limit headers on every answer, so
 * on a 5xx or a 409 the reset time says nothing about when to try again.
 */
export function serverRequestedDelayMs(headers: Headers, status: number, now: number = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return status === 429 ? resetDelayMs(headers.get('x-rate-limit-reset'), now) : undefined;
}

/**
 * `X-Rate-Limit-Reset` as ms from now, or undefined. Uber does not state its unit: read as Unix
 * seconds, as Unix ms when it is that large, and as seconds from now when too small to be a date.
 */
export function resetDelayMs(header: string | null, now: number): number | undefined {
  const reset = header?.trim();
  if (!reset || !/^\d+(\.\d+)?$/.test(reset)) return undefined;
  const value = Number(reset);
  if (value < 1e9) return Math.ceil(value * 1000);
  return Math.max(0, Math.ceil(value >= 1e12 ? value - now : value * 1000 - now));
}

/** Waits ms, and stops at once, rejecting with the signal's reason, when the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
