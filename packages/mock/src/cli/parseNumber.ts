import { UsageError } from './usage.js';

/** A whole number in [min, max] from a command-line flag, or a usage error naming the flag. */
export function parseWholeNumber(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return parsed;
}
