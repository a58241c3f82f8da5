/**
 * When Uber tries a delivery again. Uber documents exponential backoff with a 30 s multiplier and
 * about seven attempts over an hour; we read that as a first attempt at once, then seven retries
 * waiting 30 s × 2^(n-1): 30 s, 1 min, 2 min, 4 min, 8 min, 16 min, 32 min. The retries end
 * 63 min 30 s after the first attempt; an event still unacknowledged then is given up (`failed`).
 */
export interface RetrySchedule {
  /** Wait before the first retry. */
  baseDelayMs: number;
  /** Each wait is this many times the previous one. */
  factor: number;
  /** Attempts in all, the first one included. */
  maxAttempts: number;
}

export const uberRetrySchedule: RetrySchedule = { baseDelayMs: 30_000, factor: 2, maxAttempts: 8 };

/** The wait after attempt number `attempt` (1-based) failed, or undefined when none is left. */
export function retryDelayMs(attempt: number, schedule: RetrySchedule): number | undefined {
  if (attempt >= schedule.maxAttempts) return undefined;
  return schedule.baseDelayMs * schedule.factor ** (attempt - 1);
}

/** Offsets from the first attempt of every attempt the schedule makes: [0, 30 s, 90 s, …]. */
export function attemptOffsetsMs(schedule: RetrySchedule): number[] {
  const offsets = [0];
  for (let attempt = 1; attempt < schedule.maxAttempts; attempt += 1) {
    offsets.push(offsets[attempt - 1]! + retryDelayMs(attempt, schedule)!);
  }
  return offsets;
}

export function checkedRetrySchedule(schedule: Partial<RetrySchedule> | undefined): RetrySchedule {
  const merged = { ...uberRetrySchedule, ...schedule };
  if (!(Number.isFinite(merged.baseDelayMs) && merged.baseDelayMs >= 0)) throw new RangeError('retry.baseDelayMs must be a number of milliseconds ≥ 0.');
  if (!(Number.isFinite(merged.factor) && merged.factor >= 1)) throw new RangeError('retry.factor must be a number ≥ 1.');
  if (!(Number.isInteger(merged.maxAttempts) && merged.maxAttempts >= 1 && merged.maxAttempts <= 100)) {
    throw new RangeError('retry.maxAttempts must be an integer from 1 to 100.');
  }
  return merged;
}
