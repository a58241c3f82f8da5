import { ApiError, TimeoutError } from './errors.js';
import { serverRequestedDelayMs, sleep } from './retry.js';
import { transportErrorFrom } from './error-mapping.js';

export interface WaitForCodesOptions {
  /** How long to keep asking, in all. Default 120 000 ms. */
  deadlineMs?: number;
  /** The first wait; each next one is 1.5 times longer. Default 1 000 ms. */
  intervalMs?: number;
  /** The cap on one wait. Default 10 000 ms. */
  maxIntervalMs?: number;
  /** Called before each wait, so a UI or a log can show that codes are still being made. */
  onProgress?: (progress: { attempt: number; elapsedMs: number; nextDelayMs: number }) => void;
  signal?: AbortSignal;
}

/**
 * Repeats `call` while it fails with `409 code_generation_in_progress`, as the guide asks every
 * integrator to do after creating a program or generating codes. A 409 means the API did nothing,
 * so repeating even add-guests here is safe. Any other outcome is returned or thrown as is.
 */
export async function waitForCodes<T>(call: () => Promise<T>, operationId: string, options: WaitForCodesOptions = {}): Promise<T> {
  const { deadlineMs = 120_000, intervalMs = 1_000, maxIntervalMs = 10_000, onProgress, signal } = options;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'code_generation_in_progress') throw error;
      const elapsedMs = Date.now() - started;
      const nextDelayMs = Math.min(serverRequestedDelayMs(error.headers, error.status) ?? intervalMs * 1.5 ** (attempt - 1), maxIntervalMs);
      if (elapsedMs + nextDelayMs > deadlineMs) {
        throw new TimeoutError(`${operationId}: codes were still being generated after ${elapsedMs} ms (deadline ${deadlineMs} ms)`, { operationId, cause: error });
      }
      onProgress?.({ attempt, elapsedMs, nextDelayMs });
      try {
        await sleep(nextDelayMs, signal);
      } catch (reason) {
        throw transportErrorFrom(reason, operationId, signal);
      }
    }
  }
}
