import { dayMs, yearMs } from './context.js';
import { invalidRequest } from './failure.js';

/**
 * Uber's window for a program (documented for create from template, applied to every program):
 * it ends after it starts, starts at most a year ahead and at most 24 hours back, and ends at
 * most a year ahead.
 */
export function checkProgramWindow(startsAt: number, endsAt: number, now: number, { startChanged = true } = {}): void {
  if (endsAt <= startsAt) throw invalidRequest(`ends_at (${endsAt}) must be after starts_at (${startsAt})`);
  if (startChanged && startsAt < now - dayMs) throw invalidRequest('starts_at may be at most 24 hours in the past');
  if (startChanged && startsAt > now + yearMs) throw invalidRequest('starts_at may be at most one year in the future');
  if (endsAt > now + yearMs) throw invalidRequest('ends_at may be at most one year in the future');
}
